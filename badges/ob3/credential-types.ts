/**
 * The Open Badges 3.0 credential as Grange emits it (1EdTech OB 3.0 on the W3C VC Data Model 2.0).
 * Types that the strict OB JSON schema wants as arrays are arrays here; `Image`, `IdentityObject`,
 * proofs' and status entries' `type` are single strings (openbadges.md §3.4).
 *
 * These are `type` aliases, not interfaces, so a credential is assignable to
 * `Record<string, unknown>` where the signing libraries want plain JSON.
 */

export type Ob3Image = {
  /** An https URL or a data: URI (PNG or SVG). */
  id: string;
  type: 'Image';
  caption?: string;
};

/** The issuer, embedded as an object: strict validators reject a bare issuer URI. */
export type Ob3Profile = {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
  email?: string;
  description?: string;
  image?: Ob3Image;
};

export type Ob3Alignment = {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  targetDescription?: string;
};

export type Ob3RubricCriterionLevel = {
  id: string;
  type: ['RubricCriterionLevel'];
  name: string;
  level?: string;
};

export type Ob3ResultDescription = {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: 'RubricCriterionLevel';
  rubricCriterionLevel: Ob3RubricCriterionLevel[];
};

export type Ob3Criteria = {
  /** A public page that explains the criteria. */
  id?: string;
  /** The criteria in Markdown. */
  narrative?: string;
};

export type Ob3AchievementType = 'Badge' | 'Competency';

export type Ob3Achievement = {
  id: string;
  type: ['Achievement'];
  achievementType?: Ob3AchievementType;
  name: string;
  description: string;
  criteria: Ob3Criteria;
  image?: Ob3Image;
  alignment?: Ob3Alignment[];
  resultDescription?: Ob3ResultDescription[];
  tag?: string[];
  inLanguage?: string;
  version?: string;
};

/** The recipient, hashed: the email or phone number never appears in clear. */
export type Ob3IdentityObject = {
  type: 'IdentityObject';
  hashed: true;
  identityHash: string;
  identityType: 'emailAddress' | 'identifier';
  salt: string;
};

export type Ob3Result = {
  type: ['Result'];
  resultDescription: string;
  achievedLevel: string;
  status: 'Completed';
};

export type Ob3AchievementSubject = {
  /** The learner's DID or pairwise `urn:uuid:`; required for the VC-JWT form (`sub`). */
  id?: string;
  type: ['AchievementSubject'];
  identifier: Ob3IdentityObject[];
  achievement: Ob3Achievement;
  result?: Ob3Result[];
};

export type Ob3Evidence = {
  id?: string;
  type: ['Evidence'];
  name?: string;
  narrative?: string;
  description?: string;
};

/** W3C Bitstring Status List entry; OB requires `id` on every `credentialStatus`. */
export type BitstringStatusListEntry = {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  /** The index as a decimal string, as the W3C specification requires. */
  statusListIndex: string;
  statusListCredential: string;
};

export type DataIntegrityProofValue = {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
};

export type OpenBadgeCredential = {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  description?: string;
  issuer: Ob3Profile;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  credentialSubject: Ob3AchievementSubject;
  evidence?: Ob3Evidence[];
  credentialStatus?: BitstringStatusListEntry;
};

/** A credential with its Data Integrity proof(s). */
export type SignedOpenBadgeCredential = OpenBadgeCredential & { proof: DataIntegrityProofValue[] };
