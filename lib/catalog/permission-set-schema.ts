import { z } from 'zod';
import { GCP_ROLE_SUFFIX_BYTES, NAME_LIMITS, RESOURCE_PREFIX } from '../core/names';
import { leastPrivilegeFindings } from '../rules/least-privilege';
import { CLOUDS, parseTemplate, type Cloud } from '../core/variables';

/** `storage/data-read`: family and level. */
export const PERMISSION_SET_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;
/**
 * The longest set id: GCP role ids (`<prefix>_<suffix>.<family>.<level>`, see `gcpRoleId`)
 * must fit 64 characters at the longest prefix.
 */
export const MAX_PERMISSION_SET_ID_LENGTH = NAME_LIMITS.gcpRoleId.max - RESOURCE_PREFIX.maxLength - 2 * GCP_ROLE_SUFFIX_BYTES - 2;

/** Any set id: sets without GCP grants name no role, so only readability bounds them. */
const MAX_ID_LENGTH = 64;

/** A string that may hold the variables of one cloud (see `VARIABLES`). */
function templated(cloud: Cloud) {
  return z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      for (const message of parseTemplate(value, cloud).problems) ctx.addIssue({ code: 'custom', message });
    });
}

function noWildcard(what: string) {
  return (value: string) => !value.includes('*') || `"${value}" is a wildcard; list each ${what} the vendor needs`;
}

/** A non-empty list without repeats; `limit` is a cloud's cap on its length, and why. */
function uniqueList<T extends z.ZodType<string>>(item: T, limit = { max: Infinity, what: '' }) {
  const tooLong = (issue: { input?: unknown }) => {
    const count = (issue.input as unknown[]).length;
    return `${count} entries, ${count - limit.max} too many: ${limit.what}`;
  };
  return z
    .array(item)
    .min(1)
    .max(limit.max, { error: tooLong })
    .superRefine((values, ctx) => {
      values.forEach((v, i) => {
        if (values.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${v}" is listed twice` });
      });
    });
}

/** Runs rules in order and reports only the first that fails: one clear message per value. */
function check(...rules: ((value: string) => true | string)[]) {
  return (value: string, ctx: z.RefinementCtx) => {
    for (const rule of rules) {
      const verdict = rule(value);
      if (verdict !== true) return ctx.addIssue({ code: 'custom', message: verdict });
    }
  };
}

function matches(pattern: RegExp, message: string) {
  return (value: string) => pattern.test(value) || message;
}

const awsAction = z
  .string()
  .superRefine(check(noWildcard('action'), matches(/^[a-z0-9-]+:[A-Za-z0-9]+$/, 'an IAM action is "service:Action", e.g. "s3:GetObject"')));

const awsResource = templated('aws').refine((v) => v === '*' || v.startsWith('arn:'), {
  error: 'a resource is an ARN ("arn:${partition}:...") or "*" for actions that support no resource type',
});

const conditionValue = z.union([templated('aws'), z.array(templated('aws')).min(1), z.boolean()]);

const awsStatement = z.strictObject({
  actions: uniqueList(awsAction),
  resources: uniqueList(awsResource),
  /** An IAM condition block: `{ Operator: { "key": value } }`. */
  conditions: z.record(z.string().regex(/^[A-Za-z]+(:[A-Za-z]+)?$/), z.record(z.string().min(1), conditionValue)).optional(),
});

/** `service.resource.verb`, as GCP writes permissions. */
export const GCP_PERMISSION = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+){2,}$/;

/** `Provider.Namespace/resource/operation`, as Azure writes operations. */
export const AZURE_OPERATION = /^[A-Za-z][A-Za-z0-9.]*\/[A-Za-z0-9/._-]+$/;

const gcpPermission = z
  .string()
  .superRefine(
    check(noWildcard('permission'), matches(GCP_PERMISSION, 'a GCP permission is "service.resource.verb", e.g. "storage.objects.get"')),
  );

const reason = z.string().min(1).max(500);

/**
 * The longest value each GCP variable takes once applied (a resource prefix of 24 characters,
 * a project id of 30), so that condition texts are measured as GCP will see them.
 */
export const GCP_LONGEST_VALUES = { prefix: 24, project: 30 } as const;

/** A GCP text whose longest expansion stays within `max` characters. */
function gcpText(max: number) {
  return templated('gcp').refine(
    (value) =>
      value.replace(/\$\{(\w+)\}/g, (_, name: keyof typeof GCP_LONGEST_VALUES) => 'x'.repeat(GCP_LONGEST_VALUES[name] ?? 0)).length <= max,
    {
      error: `at most ${max} characters once the variables are filled in (prefix ${GCP_LONGEST_VALUES.prefix}, project ${GCP_LONGEST_VALUES.project})`,
    },
  );
}

/** GCP's limit on the permissions of one custom role (each set is one role). */
export const GCP_MAX_ROLE_PERMISSIONS = 3000;

const gcpGrant = z.strictObject({
  permissions: uniqueList(gcpPermission, {
    max: GCP_MAX_ROLE_PERMISSIONS,
    what: `a GCP custom role holds at most ${GCP_MAX_ROLE_PERMISSIONS} permissions`,
  }),
  /** Why the grant is project-wide: its service ignores IAM conditions. Exclusive with `condition`. */
  projectWide: reason.optional(),
  /**
   * The set needs `iam.serviceAccounts.actAs` on the deployment's runtime service accounts (a
   * Cloud Run revision or function names the identity it runs as). Conditions cannot scope
   * actAs, so it is granted per account (roles/iam.serviceAccountUser): on the workload service
   * accounts the configuration creates (spec `workloadIdentities`), or, for a spec without them,
   * on the accounts the customer lists in `runtime_service_accounts`, each named for the prefix.
   * Privileged.
   */
  actAsRuntimeServiceAccounts: z.literal(true).optional(),
  /** An IAM condition in CEL, attached to the role binding. */
  condition: z
    .strictObject({
      title: gcpText(100),
      description: gcpText(256).optional(),
      expression: templated('gcp'),
    })
    .optional(),
});

const azureOperation = z
  .string()
  .superRefine(
    check(
      noWildcard('operation'),
      matches(
        AZURE_OPERATION,
        'an Azure operation is "Provider.Namespace/resource/operation", e.g. "Microsoft.Storage/storageAccounts/read"',
      ),
    ),
  );

const azureGrant = z
  .strictObject({
    actions: uniqueList(azureOperation).optional(),
    dataActions: uniqueList(azureOperation).optional(),
  })
  .refine((g) => g.actions || g.dataActions, { error: 'give actions, dataActions or both' });

/**
 * One AWS request an operation makes: `<action> on <ARN or *>`, optionally `with key=value, …`
 * for the request's condition context (`s3:ResourceAccount` is always the customer's account).
 */
export const AWS_REQUEST = /^[a-z0-9-]+:[A-Za-z0-9]+ on (\*|arn:\S+)( with [^=,\s]+=[^,]+(, [^=,\s]+=[^,]+)*)?$/;

/**
 * A critical call the set exists for: what it does, and per cloud the requests it makes. Tests
 * apply the set's grants to each request (so a set cannot lose what its description promises)
 * and to the same request for another deployment's resources (which must be refused).
 */
const operation = z.strictObject({
  does: z.string().min(1).max(200),
  aws: z
    .array(
      templated('aws').pipe(
        z.string().regex(AWS_REQUEST, { error: 'a request is "<action> on <ARN or *>", optionally "with key=value, ..."' }),
      ),
    )
    .min(1)
    .optional(),
  gcp: z.array(gcpPermission).min(1).optional(),
  azure: z.array(azureOperation).min(1).optional(),
});

/** Any cloud's permission: an IAM action, a GCP permission or an Azure operation. */
const anyPermission = z.string().refine((v) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(v) || GCP_PERMISSION.test(v) || AZURE_OPERATION.test(v), {
  error:
    'an IAM action ("s3:GetObject"), a GCP permission ("storage.objects.get") or an Azure operation ("Microsoft.Storage/storageAccounts/read")',
});

/**
 * Permissions a call of Alien's controllers needs under this set's id that the set will not
 * grant, with the reason a security reviewer is shown (PERMISSIONS.md, `catalog`).
 */
const refusal = z.strictObject({ permissions: uniqueList(anyPermission), reason });

/** One permission set as written: its fields, each well formed. */
const permissionSetFields = z
  .strictObject({
    id: z
      .string()
      .regex(PERMISSION_SET_ID, { error: 'an id is "family/level" in lower case, e.g. "storage/data-read"' })
      .max(MAX_ID_LENGTH),
    description: z.string().min(1).max(256),
    aws: z.array(awsStatement).min(1).optional(),
    gcp: gcpGrant.optional(),
    azure: azureGrant.optional(),
    /** Clouds with no equivalent, and why; such a set grants nothing there. */
    unsupported: z.partialRecord(z.enum(CLOUDS), reason).optional(),
    /** The critical calls the set exists for (built-in sets list them; tests prove each is granted). */
    operations: z.array(operation).optional(),
    /**
     * Set when the set reads the customer's content (object bodies, secret values, table items,
     * messages) rather than infrastructure. Opt-in: the review shows such sets apart and synth
     * names them.
     */
    contentRead: z.literal(true).optional(),
    /**
     * Set when a grant's effect can outlast the trust (lib/rules/common/outlives-revocation.ts):
     * why the vendor needs it, and per cloud how the customer finds and removes what it left.
     */
    outlivesRevocation: z.strictObject({ reason, aws: reason.optional(), gcp: reason.optional(), azure: reason.optional() }).optional(),
    /**
     * What Alien's controllers call under this id that the set refuses, and why
     * (lib/catalog/alien-calls; test/catalog/alien-calls-covered.test.ts holds every call to
     * "granted or refused here").
     */
    refuses: z.array(refusal).min(1).optional(),
    /** Set when the set may change access or hands out credentials (see lib/rules). */
    privileged: z.literal(true).optional(),
    /** Why the vendor needs the privileged grants; required with `privileged`. */
    privilegedReason: reason.optional(),
  })
  .superRefine((set, ctx) => {
    if (set.gcp && set.id.length > MAX_PERMISSION_SET_ID_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `at most ${MAX_PERMISSION_SET_ID_LENGTH} characters for a set with GCP grants (its custom role id must fit 64); this one has ${set.id.length}`,
      });
    }
    const granted = new Set([
      ...(set.aws ?? []).flatMap((s) => s.actions),
      ...(set.gcp?.permissions ?? []),
      ...(set.azure?.actions ?? []),
      ...(set.azure?.dataActions ?? []),
    ]);
    set.refuses?.forEach((r, i) =>
      r.permissions.forEach((permission, j) => {
        if (granted.has(permission)) {
          ctx.addIssue({
            code: 'custom',
            path: ['refuses', i, 'permissions', j],
            message: `"${permission}" is granted by this set; refuse it or grant it, not both`,
          });
        }
      }),
    );
    if (Boolean(set.privileged) !== Boolean(set.privilegedReason)) {
      ctx.addIssue({
        code: 'custom',
        path: set.privileged ? ['privileged'] : ['privilegedReason'],
        message: 'give "privileged: true" and "privilegedReason" together',
      });
    }
  });

type PermissionSetFields = z.infer<typeof permissionSetFields>;

/**
 * A set's fields, each well formed, without the rules between them or the least-privilege
 * rules: what the clouds' lists can check even when those rules (or the rest of the spec) fail.
 */
export const permissionSetFieldsSchema = z.strictObject(permissionSetFields.shape);

/**
 * Each of `clouds` either has grants or says why not (`unsupported`). The catalog covers every
 * cloud; a spec's own sets need only the spec's clouds.
 */
export function cloudCoverageIssues(set: PermissionSetFields, clouds: readonly Cloud[]): { path: (string | number)[]; message: string }[] {
  return clouds.flatMap((cloud) => {
    const granted = set[cloud] !== undefined;
    const excused = set.unsupported?.[cloud] !== undefined;
    if (granted !== excused) return [];
    return [
      granted
        ? { path: ['unsupported', cloud], message: `${cloud} has grants and is marked unsupported; keep one` }
        : { path: [], message: `no ${cloud} grants; add "${cloud}:" or "unsupported: { ${cloud}: <reason> }"` },
    ];
  });
}

/** The least-privilege rules judge a well-formed set only, so that one mistake gives one message. */
function withLeastPrivilege<T extends z.ZodType<PermissionSetFields>>(schema: T) {
  return schema.superRefine(
    (set, ctx) => {
      for (const { path, message } of leastPrivilegeFindings(set)) ctx.addIssue({ code: 'custom', path: [...path], message });
    },
    { when: (payload) => payload.issues.length === 0 },
  );
}

/** A built-in permission set: the same intent granted on every cloud, or the reason a cloud has none. */
export const permissionSetSchema = withLeastPrivilege(
  permissionSetFields.superRefine((set, ctx) => {
    for (const { path, message } of cloudCoverageIssues(set, CLOUDS)) ctx.addIssue({ code: 'custom', path, message });
  }),
);

/** A spec's own permission set: as a built-in one, but the spec checks coverage of its own clouds. */
export const customPermissionSetSchema = withLeastPrivilege(permissionSetFields);

export type PermissionSetSpec = z.infer<typeof permissionSetSchema>;
export type AwsStatementSpec = z.infer<typeof awsStatement>;
