// Runs `jobs schedule` on its own until main.ts dispatches it: npx tsx src/server/modules/jobs/schedule.script.ts FAIR.json
import { scheduleCommand } from './schedule.cli';

process.exitCode = await scheduleCommand(process.argv.slice(2));
