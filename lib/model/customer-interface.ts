/**
 * What the customer enters into each template and what they send back: one place for the
 * names, so the templates and the permissions review (PERMISSIONS.md) cannot drift apart.
 */
/** The Terraform variable for the resource prefix, the same in both Terraform templates. */
export const TERRAFORM_PREFIX_VARIABLE = 'resource_prefix';

/** The Terraform variable for the customer's id, in the per-customer subject forms. */
export const TERRAFORM_CUSTOMER_ID_VARIABLE = 'customer_id';

/** The release a template is, in its outputs: `<name>@<version>`, for the vendor's importer. */
export function templateRelease(model: { readonly name: string; readonly version: string }): string {
  return `${model.name}@${model.version}`;
}

export const CUSTOMER_INTERFACE = {
  aws: {
    /** CloudFormation parameters (ExternalId for the role form; CustomerId and OidcProviderArn for OIDC). */
    inputs: { externalId: 'ExternalId', prefix: 'ResourcePrefix', customerId: 'CustomerId', oidcProviderArn: 'OidcProviderArn' },
    /** Stack outputs. */
    outputs: {
      roleArn: 'RoleArn',
      account: 'AccountId',
      region: 'Region',
      template: 'Template',
      /** With workloadIdentities: the roles the template creates, comma-separated in the spec's order. */
      workloadRoleArns: 'WorkloadRoleArns',
      /** With an identity EC2 runs as: its instance profiles, comma-separated in the spec's order. */
      workloadInstanceProfileArns: 'WorkloadInstanceProfileArns',
    },
  },
  gcp: {
    /** Terraform variables. */
    inputs: {
      project: 'project_id',
      prefix: TERRAFORM_PREFIX_VARIABLE,
      vendorServiceAccount: 'vendor_service_account',
      customerId: TERRAFORM_CUSTOMER_ID_VARIABLE,
    },
    /** Terraform outputs. */
    outputs: {
      serviceAccountEmail: 'service_account_email',
      serviceAccountUniqueId: 'service_account_unique_id',
      project: 'project',
      /** The project's number, from a `google_project` data source of the project id. */
      projectNumber: 'project_number',
      template: 'template',
      /** With workloadIdentities: a map of each identity's name to its service account's email. */
      workloadServiceAccounts: 'workload_service_accounts',
    },
  },
  azure: {
    inputs: {
      resourceGroup: 'resource_group_name',
      prefix: TERRAFORM_PREFIX_VARIABLE,
      customerId: TERRAFORM_CUSTOMER_ID_VARIABLE,
      tags: 'tags',
    },
    outputs: {
      clientId: 'client_id',
      tenantId: 'tenant_id',
      principalId: 'principal_id',
      subscription: 'subscription',
      resourceGroup: 'resource_group',
      identityId: 'identity_id',
      template: 'template',
      /** With workloadIdentities: a map of each identity's name to its id, client id and principal id. */
      workloadIdentities: 'workload_identities',
    },
  },
} as const;

/**
 * The AWS Terraform module's variables and outputs (`aws/module/main.tf.json`): the same inputs
 * and outputs as the CloudFormation parameters and outputs above, in Terraform's snake_case.
 */
export const AWS_TERRAFORM_INTERFACE = {
  inputs: {
    externalId: 'external_id',
    prefix: TERRAFORM_PREFIX_VARIABLE,
    customerId: TERRAFORM_CUSTOMER_ID_VARIABLE,
    oidcProviderArn: 'oidc_provider_arn',
  },
  outputs: {
    roleArn: 'role_arn',
    account: 'account_id',
    region: 'region',
    template: 'template',
    /** With workloadIdentities: a map of each identity's name to its role ARN. */
    workloadRoleArns: 'workload_role_arns',
    /** With an identity EC2 runs as: a map of its name to its instance profile ARN. */
    workloadInstanceProfileArns: 'workload_instance_profile_arns',
  },
  /** The root's own variable: the region its provider configures, which the role's grants are for. */
  rootRegion: 'region',
} as const;
