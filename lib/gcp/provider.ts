import { boundTrust, type CloudProvider } from '../model/cloud-provider';
import { GCP_FORMS, gcpForm } from './forms';
import { GCP_WORKLOAD_REVIEW, gcpInstall, gcpRevocation, gcpTrust } from './review';

/** GCP: a service account per deployment with a custom role per permission set, as a Terraform module and root. */
export const GCP_PROVIDER: CloudProvider<'gcp'> = {
  cloud: 'gcp',
  forms: GCP_FORMS,
  trustOf: (model) => model.gcp && boundTrust(gcpForm(model.gcp), model.gcp),
  render: (model) => (require('./synth-gcp') as typeof import('./synth-gcp')).synthGcp(model),
  review: {
    identity: 'GCP: a service account',
    trust: (model) => (model.gcp ? gcpTrust(model, model.gcp) : []),
    install: (model, files) => (model.gcp ? gcpInstall(model, files) : []),
    workload: GCP_WORKLOAD_REVIEW,
    revocation: (model) => (model.gcp ? gcpRevocation(model, model.gcp) : []),
  },
  // Each custom role's permissions, with the condition of the binding that grants it.
  readGrants: (module, grants) => {
    const roles = module.resource?.google_project_iam_custom_role ?? {};
    const members = Object.values<any>(module.resource?.google_project_iam_member ?? {});
    for (const [key, role] of Object.entries<any>(roles)) {
      const binding = members.find((m) => m.role === `\${google_project_iam_custom_role.${key}.name}`);
      const condition = binding?.condition ? ` if ${binding.condition.expression}` : '';
      for (const permission of role.permissions) grants.push(`${permission}${condition}`);
    }
  },
  trustReaders: {
    terraform: {
      // Every grant on a service account: the vendor's way in (token creator, workload identity
      // user) and its actAs on the workload accounts, whatever the form.
      google_service_account_iam_member: (key, grant, trust) => {
        trust[`gcp.${key}`] = `${grant.role} to ${grant.member}`;
      },
    },
  },
  diffReads: 'terraform',
  inert: {
    google_project_service: 'enables an API in the project; grants nothing',
    google_service_account:
      'the identity itself: who may use it is its google_service_account_iam_member grants, what it may do its roles and their bindings',
    random_id: "the deployment's suffix of role and pool ids, chosen once and kept in state",
    time_sleep: 'waits for IAM to propagate before the outputs',
  },
  replacing: {
    // ForceNew in the google provider (test/fixtures/provider-schemas/google.json).
    terraform: {
      google_service_account: {
        arguments: ['account_id', 'project'],
        consequence: 'a new service account with a new email: the vendor must be sent it',
      },
      google_project_iam_custom_role: {
        arguments: ['role_id', 'project'],
        consequence: 'the role is re-created under a new id and its binding with it: the vendor loses these permissions during the apply',
      },
    },
  },
};
