/** The GraphQL schema: every type file registers itself on the builder, then it is built once. */
import { builder } from './builder.ts';
import './types/localized-text.ts';
import './types/errors.ts';
import './types/person.ts';
import './types/skill.ts';
import './types/badge.ts';
import './types/curriculum.ts';
import './types/award.ts';
import './types/skill-state.ts';
import './types/next-step.ts';
import './types/evidence.ts';
import './types/self-assessment.ts';
import './types/notification.ts';
import './types/data-export.ts';
import './types/admin-awards.ts';
import './types/issuer-keys.ts';
import './types/jury.ts';
import './types/group.ts';
import './types/attendance.ts';
import './types/workshop-session.ts';
import './types/progress-grid.ts';
import './types/validation-queue.ts';
import './types/bulk-award.ts';
import './types/admin-people.ts';
import './types/admin-groups.ts';
import './types/curricula-status.ts';
import './types/enrolment.ts';
import './types/withdraw-validation.ts';
import './types/mark-skill-in-progress.ts';
import './types/preferences.ts';
import './types/skill-activities.ts';
import './types/alignment.ts';
import './types/job-profile.ts';
import './types/pathway.ts';
import './types/share-link.ts';
import './types/guardian-consent.ts';
import './types/delete-account.ts';

builder.queryType({ description: 'What can be read.' });
builder.mutationType({ description: 'What can be changed.' });

/** The executable schema. */
export const schema = builder.toSchema({ sortSchema: true });
