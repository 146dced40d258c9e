import { CfnResource, Fn, type Stack } from 'aws-cdk-lib';
import { CfnManagedPolicy, type CfnRole } from 'aws-cdk-lib/aws-iam';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { TrustModel } from '../model/trust-model';
import { awsForm } from './forms';

/** The workload roles' and instance profiles' ARNs, comma-separated in the spec's order (TrustRoleStack). */
export interface WorkloadOutputs {
  readonly roleArns: string;
  readonly instanceProfileArns?: string;
}

/** The registration custom resource: its type, logical id and how long CloudFormation waits for the vendor. */
export const REGISTRATION = {
  type: 'Custom::AlienRegistration',
  logicalId: 'Registration',
  /**
   * Seconds CloudFormation waits for the vendor's answer (ServiceTimeout, 1–3600; without it
   * CloudFormation waits an hour). A vendor that never answers costs a create, update or delete
   * at most this long; see docs/vendor.md, "Registration", for what each outcome does to the stack.
   */
  serviceTimeout: 60,
} as const;

/**
 * One custom resource that reports the stack to the vendor once the trust is in place: it reads
 * the role's ARN (so the role comes first) and depends on every managed policy, and sends the
 * prefix, the customer binding, the release and the workload roles' ARNs. CloudFormation adds the stack id (account and
 * region) and the request type, so an update reports the new version and a delete deregisters.
 * Without `registration.aws` in the spec, nothing is added.
 */
export function addRegistration(stack: Stack, model: TrustModel, role: CfnRole, workload?: WorkloadOutputs): void {
  const serviceToken = model.registration?.aws?.serviceToken;
  if (!serviceToken || !model.aws) return;
  const inputs = CUSTOMER_INTERFACE.aws.inputs;
  const binding = inputs[awsForm(model.aws).binding];
  const registration = new CfnResource(stack, REGISTRATION.logicalId, {
    type: REGISTRATION.type,
    properties: {
      // The stack's own region, when the spec names it `${AWS::Region}`.
      ServiceToken: serviceToken.includes('${') ? Fn.sub(serviceToken) : serviceToken,
      ServiceTimeout: REGISTRATION.serviceTimeout,
      RoleArn: role.attrArn,
      ResourcePrefix: Fn.ref(inputs.prefix),
      [binding]: Fn.ref(binding),
      TemplateName: model.name,
      TemplateVersion: model.version,
      // The workload roles the vendor passes (read by GetAtt, so they come first), as the outputs hold them.
      ...(workload && { [CUSTOMER_INTERFACE.aws.outputs.workloadRoleArns]: workload.roleArns }),
      ...(workload?.instanceProfileArns && { [CUSTOMER_INTERFACE.aws.outputs.workloadInstanceProfileArns]: workload.instanceProfileArns }),
    },
  });
  registration.overrideLogicalId(REGISTRATION.logicalId);
  // The role is read through Fn::GetAtt, which already orders it first (cfn-lint flags a
  // DependsOn that repeats a reference); no property reads the policies, so each is named.
  for (const policy of stack.node.findAll().filter((c): c is CfnManagedPolicy => c instanceof CfnManagedPolicy)) {
    registration.addResourceDependency(policy);
  }
}
