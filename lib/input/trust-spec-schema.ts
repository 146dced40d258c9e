import { z } from 'zod';
import { refusedReason } from '../catalog/alien-management-sets';
import { CUSTOMER_ID, SUBJECT_PREFIX } from '../core/customer-binding';
import { GCP_PROJECT_ID, NAME_LIMITS, WORKLOAD_IDENTITY_NAME } from '../core/names';
import { WORKLOAD_SERVICE_NAMES } from '../core/workload-services';
import { didYouMean } from '../core/did-you-mean';
import { cloudCoverageIssues, customPermissionSetSchema } from '../catalog/permission-set-schema';
import { picks, stackIssues, stackSchema } from './stack';
import { CLOUDS } from '../core/variables';

/** Spec names name the CloudFormation stack and the release folder. */
export const SPEC_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;

/** Semantic Versioning 2.0.0, without a leading "v". */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A role ARN with an optional path: `arn:aws:iam::123456789012:role/ops/alien`. */
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * Where the AWS template reports each stack to the vendor: an SNS topic or a Lambda function
 * in the vendor's account (a CloudFormation custom resource's ServiceToken).
 */
// CloudFormation takes a ServiceToken only from the stack's own region: `${AWS::Region}` in
// place of the region names the vendor's topic or function of whichever region the stack is in.
export const SERVICE_TOKEN =
  /^arn:aws:(?:sns:(?:[a-z0-9-]+|\$\{AWS::Region\}):\d{12}:[\w-]{1,256}|lambda:(?:[a-z0-9-]+|\$\{AWS::Region\}):\d{12}:function:[\w-]{1,64})$/;

/**
 * Partitions the templates cannot serve. A role can be trusted only from its own partition, and
 * the published template, its quick-create link and console are those of the `aws` partition.
 */
const OTHER_PARTITION = /^arn:(aws-cn|aws-us-gov|aws-iso[a-z-]*):/;

/**
 * The longest vendor service-account email: it goes into the customer's service-account
 * description ("Impersonated by <email> to manage ..."), which GCP caps at 256 characters.
 */
export const MAX_SERVICE_ACCOUNT_EMAIL = 180;

/** Versions name release folders and the stack description (1,024 bytes at most). */
export const MAX_VERSION_LENGTH = 64;

/** IAM role paths hold at most 512 characters. */
const MAX_ROLE_PATH = 512;

/** A user-managed service account: 6–30 character id at a project (or domain-scoped project). */
// A domain-scoped project's accounts are `<name>@<id>.<domain>.iam…`: an email holds no colon.
const SERVICE_ACCOUNT = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])@[a-z0-9][a-z0-9.-]*[a-z0-9]\.iam\.gserviceaccount\.com$/;

export const DEFAULT_AZURE_AUDIENCE = 'api://AzureADTokenExchange';
export const DEFAULT_MAX_SESSION_DURATION = 3600;
// IAM's range for a role's MaxSessionDuration.
const SESSION_RULE = { error: 'whole seconds, 3600 to 43200 (1 to 12 hours)' };

const httpsUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.search && !url.hash && !url.username;
    } catch {
      return false;
    }
  },
  { error: 'an https:// URL with no query, fragment or credentials' },
);

const subjectPrefix = z.string().regex(SUBJECT_PREFIX.pattern, { error: `a subject prefix: ${SUBJECT_PREFIX.description}` });

/** A GCP project id, optionally domain-scoped: where the vendor keeps one service account per customer. */
const gcpProject = z.string().regex(new RegExp(GCP_PROJECT_ID.pattern), {
  error: `${GCP_PROJECT_ID.description}: the vendor's project that holds one service account per customer`,
});

const oidc = z.strictObject({
  issuer: httpsUrl.pipe(z.string().max(600)),
  audience: z.string().min(1).max(600),
  subjectPrefix,
});

const managingIdentity = z.strictObject({
  aws: z
    .strictObject({
      roleArn: z
        .string()
        .refine((arn) => !OTHER_PARTITION.test(arn), {
          error: (issue) =>
            `the ${String(issue.input).split(':')[1]} partition is not supported: a role can be trusted only from its own partition, and these templates are for the aws partition; use a role ARN that starts with arn:aws:`,
          abort: true,
        })
        .regex(ROLE_ARN, {
          error: 'an IAM role ARN: arn:aws:iam::<12 digits>:role/<path/><name>, e.g. arn:aws:iam::210987654321:role/alien-control-plane',
        })
        .refine((arn) => arn.slice(arn.indexOf(':role/') + 5, arn.lastIndexOf('/') + 1).length <= MAX_ROLE_PATH, {
          error: `the role's path is longer than IAM's ${MAX_ROLE_PATH} characters`,
        }),
    })
    .optional(),
  gcp: z
    .strictObject({
      /** One vendor service account for every customer (a confused-deputy risk; synth warns). */
      serviceAccount: z
        .string()
        .max(MAX_SERVICE_ACCOUNT_EMAIL)
        .regex(SERVICE_ACCOUNT, { error: 'a service-account email, e.g. alien-control@vendor-prod.iam.gserviceaccount.com' })
        .optional(),
      /** The vendor project holding one service account per customer; each customer enters theirs. */
      serviceAccountProject: gcpProject.optional(),
    })
    .refine((g) => (g.serviceAccount === undefined) !== (g.serviceAccountProject === undefined), {
      error:
        'give serviceAccountProject (a vendor service account per customer) or serviceAccount (one for all customers), not both or neither',
    })
    .optional(),
  azure: z
    .strictObject({
      issuer: httpsUrl.pipe(z.string().max(600)),
      /** One subject for every customer (a confused-deputy risk; synth warns). */
      subject: z.string().min(1).max(600).optional(),
      /** Each customer's subject is this prefix and the customer's id. */
      subjectPrefix: subjectPrefix.optional(),
      audience: z.string().min(1).max(600).default(DEFAULT_AZURE_AUDIENCE),
    })
    .refine((a) => (a.subject === undefined) !== (a.subjectPrefix === undefined), {
      error: 'give subjectPrefix (a subject per customer) or subject (one for all customers), not both or neither',
    })
    .optional(),
  /** The vendor's OIDC issuer, trusted directly on every cloud that has no entry of its own. */
  oidc: oidc.optional(),
});

/**
 * Limits of the clouds that the shared OIDC issuer serves, stricter than the spec's own: a
 * value past them synthesizes but fails at deploy (AWS) or at every token exchange (GCP).
 */
function oidcLimitIssues(given: z.infer<typeof oidc>, clouds: readonly string[]): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (clouds.includes('aws')) {
    for (const field of ['issuer', 'audience'] as const) {
      if (given[field].length > AWS_OIDC_PROVIDER_LIMIT) {
        issues.push({
          path: ['managingIdentity', 'oidc', field],
          message: `${given[field].length} characters; AWS's IAM OIDC provider takes at most ${AWS_OIDC_PROVIDER_LIMIT} (its ${field === 'issuer' ? 'Url' : 'ClientIdList entries'}): use a shorter ${field}, or give AWS its own managingIdentity.aws.roleArn`,
        });
      }
    }
  }
  const longestSubject = given.subjectPrefix.length + CUSTOMER_ID.maxLength;
  if (clouds.includes('gcp') && longestSubject > NAME_LIMITS.googleSubject) {
    issues.push({
      path: ['managingIdentity', 'oidc', 'subjectPrefix'],
      message: `${given.subjectPrefix.length} characters; with a customer id of up to ${CUSTOMER_ID.maxLength} the subject reaches ${longestSubject}, and Google caps google.subject at ${NAME_LIMITS.googleSubject}: use a prefix of at most ${NAME_LIMITS.googleSubject - CUSTOMER_ID.maxLength} characters, or give GCP its own managingIdentity.gcp`,
    });
  }
  return issues;
}

/** IAM OIDC provider: the URL and each client id hold 1–255 characters. */
export const AWS_OIDC_PROVIDER_LIMIT = 255;

/**
 * The trust spec, version 1. `catalogIds` are the built-in permission sets a spec may name.
 * Every rule that needs only the spec itself lives here, so all problems are reported at once.
 */
export function trustSpecSchema(catalogIds: ReadonlySet<string>) {
  return z
    .strictObject({
      name: z.string().regex(SPEC_NAME, { error: 'lower-case letters, digits and hyphens, 3–30 characters, starting with a letter' }),
      version: z.string().max(MAX_VERSION_LENGTH).regex(SEMVER, { error: 'a semantic version such as 2.3.1' }),
      description: z.string().max(1024).optional(),
      managingIdentity,
      clouds: z
        .array(z.enum(CLOUDS))
        .min(1)
        .refine((c) => new Set(c).size === c.length, { error: 'a cloud is listed twice' })
        .default([...CLOUDS]),
      /** The permission sets granted, by id; with `stack`, merged with the ones it picks. */
      permissions: z.array(z.string()).min(1).optional(),
      /** The application's resources: synth picks the sets Alien's management profile would (lib/input/stack.ts). */
      stack: stackSchema.optional(),
      /**
       * Opt-in, set by set: the granted sets marked `outlivesRevocation` (what they leave behind
       * survives revoking the trust, or reaches beyond the deployment). Each must be listed here,
       * so that no such grant arrives unnoticed with a new catalog or a new stack resource.
       */
      allowOutlivingRevocation: z.array(z.string()).min(1).optional(),
      customPermissionSets: z.array(customPermissionSetSchema).default([]),
      /**
       * The identities the application runs as, which the customer's template creates (the vendor
       * creates none and writes no trust policy): each trusted only by the cloud services it
       * names, all with the permissions of the `permissions` sets (on Azure the built-in
       * `azureRoles` at the resource group). The vendor may pass, attach or act as exactly these.
       */
      workloadIdentities: z
        .strictObject({
          identities: z
            .array(
              z.strictObject({
                name: z
                  .string()
                  .max(WORKLOAD_IDENTITY_NAME.maxLength, {
                    error: `at most ${WORKLOAD_IDENTITY_NAME.maxLength} characters, so that <prefix>-<name> holds an IAM role name (${NAME_LIMITS.awsRoleName}) at the longest prefix`,
                  })
                  .regex(WORKLOAD_IDENTITY_NAME.pattern, { error: `${WORKLOAD_IDENTITY_NAME.description}, e.g. api` }),
                services: z
                  .array(z.enum(WORKLOAD_SERVICE_NAMES, { error: `one of ${WORKLOAD_SERVICE_NAMES.join(', ')}` }))
                  .min(1, { error: `name the services that run as it: ${WORKLOAD_SERVICE_NAMES.join(', ')}` })
                  .refine((s) => new Set(s).size === s.length, { error: 'a service is listed twice' }),
              }),
            )
            .min(1)
            .max(NAME_LIMITS.workloadIdentities, { error: `at most ${NAME_LIMITS.workloadIdentities} identities` })
            .superRefine((identities, ctx) => {
              identities.forEach((identity, i) => {
                if (identities.findIndex((other) => other.name === identity.name) !== i)
                  ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${identity.name}" is listed twice; names must be unique` });
              });
            }),
          permissions: z.array(z.string()).min(1),
          azureRoles: z.array(z.string()).min(1).optional(),
          /** Opt-in: let the identities hold sets whose grants outlast revocation (lib/rules/common/outlives-revocation.ts). */
          allowOutlivingRevocation: z.literal(true).optional(),
        })
        .optional(),
      aws: z
        .strictObject({
          maxSessionDuration: z.int(SESSION_RULE).min(3600, SESSION_RULE).max(43200, SESSION_RULE).default(DEFAULT_MAX_SESSION_DURATION),
        })
        .default({ maxSessionDuration: DEFAULT_MAX_SESSION_DURATION }),
      /** Where each customer's stack reports itself to the vendor (lib/aws/registration.ts). */
      registration: z
        .strictObject({
          aws: z
            .strictObject({
              serviceToken: z.string().regex(SERVICE_TOKEN, {
                error:
                  "an SNS topic or Lambda function ARN in the vendor's account: arn:aws:sns:<region>:<12 digits>:<topic> or arn:aws:lambda:<region>:<12 digits>:function:<name>, where <region> may be ${AWS::Region}",
              }),
            })
            .optional(),
        })
        .optional(),
    })
    .superRefine((spec, ctx) => {
      if (!spec.permissions && !spec.stack) {
        ctx.addIssue({
          code: 'custom',
          path: ['permissions'],
          message: 'required: list the permission sets to grant, or describe the application in stack',
        });
      }
      if (spec.stack) {
        const known = new Set([...catalogIds, ...spec.customPermissionSets.map((s) => s.id)]);
        for (const issue of stackIssues(spec.stack, known)) ctx.addIssue({ code: 'custom', ...issue });
      }
      for (const cloud of spec.clouds) {
        if (!spec.managingIdentity[cloud] && !spec.managingIdentity.oidc) {
          ctx.addIssue({
            code: 'custom',
            path: ['managingIdentity', cloud],
            message: `required because clouds includes ${cloud} (or give managingIdentity.oidc)`,
          });
        }
      }
      if (spec.registration?.aws && !spec.clouds.includes('aws')) {
        ctx.addIssue({
          code: 'custom',
          path: ['registration', 'aws'],
          message: 'only the AWS template registers, and clouds does not include aws; add aws to clouds or remove registration.aws',
        });
      }
      const oidc = spec.managingIdentity.oidc;
      const oidcClouds = spec.clouds.filter((cloud) => !spec.managingIdentity[cloud]);
      if (oidc) for (const issue of oidcLimitIssues(oidc, oidcClouds)) ctx.addIssue({ code: 'custom', ...issue });
      const customIds = new Set<string>();
      const { permissions } = grants(spec, catalogIds);
      spec.customPermissionSets.forEach((set, i) => {
        const path = ['customPermissionSets', i, 'id'];
        if (catalogIds.has(set.id))
          ctx.addIssue({ code: 'custom', path, message: `"${set.id}" is a built-in permission set; choose another id` });
        else if (customIds.has(set.id)) ctx.addIssue({ code: 'custom', path, message: `"${set.id}" is defined twice` });
        else if (!permissions.includes(set.id)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `"${set.id}" is defined but not listed in permissions, so it would grant nothing; list it there or remove it`,
          });
        }
        customIds.add(set.id);
        for (const issue of cloudCoverageIssues(set, spec.clouds))
          ctx.addIssue({ code: 'custom', path: ['customPermissionSets', i, ...issue.path], message: issue.message });
      });
      spec.permissions?.forEach((id, i) => {
        if (spec.permissions!.indexOf(id) !== i) {
          ctx.addIssue({ code: 'custom', path: ['permissions', i], message: `"${id}" is listed twice` });
        } else if (!catalogIds.has(id) && !customIds.has(id) && refusedReason(id)) {
          ctx.addIssue({ code: 'custom', path: ['permissions', i], message: `"${id}" is not granted by this tool: ${refusedReason(id)}` });
        } else if (!catalogIds.has(id) && !customIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['permissions', i],
            message: `unknown permission set "${id}"${didYouMean(id, [...catalogIds, ...customIds])}; use a built-in set (npx alien-trust catalog) or define it in customPermissionSets`,
          });
        }
      });
    })
    .transform((spec) => ({
      ...spec,
      /** `permissions` as the spec lists them (problems with them point there). */
      listedPermissions: spec.permissions ?? [],
      /** `permissions`: every granted id, the listed ones, then the stack's picks. */
      ...grants(spec, catalogIds),
    }));
}

type SpecFields = { permissions?: string[]; stack?: z.infer<typeof stackSchema>; customPermissionSets: { id: string }[] };

/** The stack's picks, and the ids granted: `permissions` as listed, then the picks it does not list. */
function grants(spec: SpecFields, catalogIds: ReadonlySet<string>) {
  const known = new Set([...catalogIds, ...spec.customPermissionSets.map((s) => s.id)]);
  const stackPicks = spec.stack ? picks(spec.stack, known) : [];
  const listed = spec.permissions ?? [];
  return { stackPicks, permissions: [...listed, ...stackPicks.map((p) => p.id).filter((id) => !listed.includes(id))] };
}

export type TrustSpec = z.infer<ReturnType<typeof trustSpecSchema>>;
