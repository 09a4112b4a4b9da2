/** Row types of the delivery tables (migrations/20261202_care_deliveries.ts), merged into `DB` by care.module.ts. */
export interface CareDeliveryRunsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  title: string;
  volunteer_account_id: string | null;
  mode: string;
  due_at: string;
  batch_key: string;
  created_by: string;
  created_at: string;
}

export interface CareDeliveryTasksTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  run_id: string;
  beneficiary_id: string;
  seq: number;
  items: string;
  address: string;
  mode: string;
  due_at: string;
  volunteer_account_id: string | null;
  status: string;
  taken_at: string | null;
  delivered_at: string | null;
  photo_file_id: string | null;
  note: string | null;
  fail_reason: string | null;
  report_client_key: string | null;
  reported_by: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  confirm_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface CareDeliveryTaskNeedsTable {
  task_id: string;
  need_id: string;
}

export interface DeliveryTables {
  care_delivery_runs: CareDeliveryRunsTable;
  care_delivery_tasks: CareDeliveryTasksTable;
  care_delivery_task_needs: CareDeliveryTaskNeedsTable;
}

declare module '../../db/schema' {
  interface DB extends DeliveryTables {}
}
