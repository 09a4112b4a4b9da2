import { describeAccessWalk } from './access-walker';

describeAccessWalk();
