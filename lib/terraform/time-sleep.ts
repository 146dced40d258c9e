import { TerraformResource, type ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';

/** hashicorp/time: `time_sleep` with `create_duration` exists since 0.6; 0.x is the current major. */
export const TIME_PROVIDER = { source: 'hashicorp/time', version: '~> 0.9' } as const;

export interface TimeSleepProps {
  /** How long to wait after the resources it depends on are created, e.g. `60s`. */
  readonly createDuration: string;
  /** What must exist before the wait starts. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * `time_sleep` of the hashicorp/time provider: a wait after create, so that what depends on it
 * (the outputs the vendor reads) is ready only once the clouds' IAM has propagated. Written by
 * hand, like RandomId, because a prebuilt binding would be a dependency for one resource.
 */
export class TimeSleep extends TerraformResource {
  private readonly createDuration: string;

  constructor(scope: Construct, id: string, props: TimeSleepProps) {
    super(scope, id, { terraformResourceType: 'time_sleep', dependsOn: props.dependsOn });
    this.createDuration = props.createDuration;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { create_duration: this.createDuration };
  }
}
