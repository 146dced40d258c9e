import { TerraformDataSource, TerraformResource, type ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * hashicorp/aws. 5.81 made `thumbprint_list` of `aws_iam_openid_connect_provider` optional (IAM
 * no longer needs thumbprints, as CloudFormation's OIDCProvider does without them); every
 * argument used here is the same in 6.x. `data.aws_region.name` is deprecated in 6.x (for
 * `region`) but still there, and the only attribute both majors have.
 */
export const AWS_PROVIDER = { source: 'hashicorp/aws', version: '>= 5.81, < 7.0' } as const;

/**
 * A hashicorp/aws resource with its arguments as written: references are plain `${…}` strings,
 * so that the policy documents can be literal JSON with interpolations in them. Written by hand,
 * like RandomId: the prebuilt aws bindings are a large dependency for four resource types.
 */
export class AwsResource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    type: string,
    private readonly args: Record<string, unknown>,
    dependsOn?: ITerraformDependable[],
  ) {
    super(scope, id, { terraformResourceType: type, dependsOn });
  }

  /** `${type.name.attribute}`, for a resource without count. */
  ref(attribute: string): string {
    return `\${${this.address}.${attribute}}`;
  }

  get address(): string {
    return `${this.terraformResourceType}.${this.friendlyUniqueId}`;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.args;
  }
}

/** A hashicorp/aws data source without arguments (`aws_region`, `aws_partition`, `aws_caller_identity`). */
export class AwsData extends TerraformDataSource {
  constructor(scope: Construct, id: string, type: string) {
    super(scope, id, { terraformResourceType: type });
  }

  ref(attribute: string): string {
    return `\${data.${this.terraformResourceType}.${this.friendlyUniqueId}.${attribute}}`;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {};
  }
}
