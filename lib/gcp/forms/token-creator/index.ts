import { code, mermaidLabel } from '../../../core/markdown';

/**
 * What the two service-account forms (pinned, per-customer) share: the vendor's Google service
 * account gets `roles/iam.serviceAccountTokenCreator` on the deployment's service account alone.
 */
export const TOKEN_CREATOR_ROLE = 'roles/iam.serviceAccountTokenCreator';

/** The review's words for that grant, after "only the vendor's service account …". */
export const TOKEN_CREATOR_GRANT = `which gets ${code(TOKEN_CREATOR_ROLE)} on this one service account (not on the project) to mint short-lived tokens for it`;

export const TOKEN_CREATOR_EDGE = mermaidLabel('generateAccessToken', TOKEN_CREATOR_ROLE);

/** Domain-restricted sharing refuses a grant to an account outside the customer's organization. */
export const DOMAIN_RESTRICTED_SHARING = `- **Organization policy**: if ${code('constraints/iam.allowedPolicyMemberDomains')} (domain-restricted sharing) is enforced, the token-creator grant to the vendor's account is refused until you allow the vendor's organization.`;

/** The revocation step's description of the grant. */
export const TOKEN_CREATOR_WHAT = "the vendor's token-creator grant";
