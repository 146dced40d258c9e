import { boundTrust, type CloudProvider } from '../model/cloud-provider';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
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
  terraformRegistration: (outputs) => {
    const o = CUSTOMER_INTERFACE.gcp.outputs;
    const email = outputs.text(o.serviceAccountEmail);
    const uniqueId = outputs.text(o.serviceAccountUniqueId);
    const project = outputs.text(o.project);
    // A project's service accounts are <id>@<project>.iam.gserviceaccount.com; a domain-scoped
    // project's (example.com:proj) are <id>@proj.example.com.iam.gserviceaccount.com.
    const [domain, id] = project.includes(':') ? project.split(':', 2) : [undefined, project];
    const host = domain === undefined ? id : `${id}.${domain}`;
    if (!email.endsWith(`@${host}.iam.gserviceaccount.com`))
      outputs.refuse(`the service account ${email} is not in the project ${project}`);
    if (!/^\d{1,30}$/.test(uniqueId))
      outputs.refuse(`output ${o.serviceAccountUniqueId} "${uniqueId}" is not a service account's unique id`);
    // Alien names the project's Cloud Storage service agent with its number. Releases cut before
    // the module output it lack it; their records carry none rather than being refused.
    const projectNumber = outputs.optional(o.projectNumber);
    if (projectNumber !== undefined && !/^\d{1,19}$/.test(projectNumber))
      outputs.refuse(`output ${o.projectNumber} "${projectNumber}" is not a project number`);
    return {
      identity: uniqueId,
      fields: {
        serviceAccountEmail: email,
        serviceAccountUniqueId: uniqueId,
        project,
        ...(projectNumber !== undefined && { projectNumber }),
      },
    };
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
