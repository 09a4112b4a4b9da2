/** Row types of the bulletin module's tables (see migrations/20261202_bulletin_core.ts). */
export interface BulletinBulletinsTable {
  id: string;
  subdistrict_id: string;
  /** null for a bulletin of the whole subdistrict */
  neighborhood_id: string | null;
  org_id: string;
  org_name: string;
  month: string;
  title: string;
  status: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
  updated_at: string;
  approved_by_name: string | null;
  approved_at: string | null;
  published_at: string | null;
}

export interface BulletinSectionsTable {
  id: string;
  subdistrict_id: string;
  bulletin_id: string;
  module: string;
  title: string;
  headline: string;
  html: string;
  sort: number;
  /** JSON: the figures as drafted ({ key, label, value, unit, how }[]) */
  figures: string;
}

export interface BulletinHistoryTable {
  id: string;
  subdistrict_id: string;
  bulletin_id: string;
  section_id: string | null;
  action: string;
  before: string | null;
  after: string | null;
  by_account_id: string;
  by_name: string;
  at: string;
}

/** a photo chosen for a section, with the caption staff gave it */
export interface BulletinPhotosTable {
  id: string;
  subdistrict_id: string;
  bulletin_id: string;
  section_id: string;
  file_id: string;
  caption: string;
  sort: number;
  chosen_by_name: string;
  chosen_at: string;
}

export interface BulletinTables {
  bulletin_photos: BulletinPhotosTable;
  bulletin_bulletins: BulletinBulletinsTable;
  bulletin_sections: BulletinSectionsTable;
  bulletin_history: BulletinHistoryTable;
}
