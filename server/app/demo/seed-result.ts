/** What seeding the demo data returns: the sign-in details it generated, shown once. */

/** A staff member's sign-in details. */
export interface DemoStaffCredentials {
  personId: string;
  displayName: string;
  email: string;
  /** Generated at seed time; never stored in clear. */
  password: string;
}

/** A learner's sign-in details: an email and password, or a learner code and PIN. */
export interface DemoLearnerCredentials {
  personId: string;
  key: string;
  displayName: string;
  profile: string;
  curriculumId: string;
  email?: string;
  password?: string;
  learnerCode?: string;
  pin?: string;
  showInConsole: boolean;
}

export interface DemoCredentials {
  admin: DemoStaffCredentials;
  trainers: DemoStaffCredentials[];
  /** The job counsellor, who follows the job seekers' pathways. */
  counsellor: DemoStaffCredentials;
  learners: DemoLearnerCredentials[];
}

export type SeedDemoResult =
  | { seeded: false }
  | {
      seeded: true;
      credentials: DemoCredentials;
      /** Ledger events recorded. */
      events: number;
      /** Badges the engine issued, as `<learner key> → <badge id>`. */
      issued: Array<{ learnerKey: string; badgeId: string; awardId: string }>;
    };
