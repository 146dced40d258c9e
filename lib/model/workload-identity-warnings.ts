import { templateSource } from './template';
import type { Template, TrustModel } from './trust-model';
import { attachesIdentity, WORKLOAD_SERVICES } from '../core/workload-services';

/**
 * Sets that pass or attach the workload identities where the spec declares none that they can
 * reach: the grant is safe but does nothing, which a vendor should hear at synth rather than from
 * a customer's failed deployment. On AWS per service (`iam:PassedToService`, matched against the
 * services the identities trust), on Azure for attaching. (GCP without identities keeps the
 * customer-listed runtime_service_accounts.)
 */
export function workloadIdentityWarnings(model: TrustModel): string[] {
  const identities = model.workloadIdentities?.identities ?? [];
  const trusted = new Set(identities.flatMap((i) => i.services.map((s) => WORKLOAD_SERVICES[s].aws as string)));
  const warnings: string[] = [];
  if (model.aws) {
    const unreached = new Map<string, Set<string>>();
    for (const set of model.permissionSets) {
      for (const statement of set.aws ?? []) {
        if (!statement.actions.includes('iam:PassRole')) continue;
        const service = statement.conditions?.StringEquals?.['iam:PassedToService'];
        // A condition value is one template (a list of parts) or a list of them.
        const values =
          service === undefined || typeof service === 'boolean'
            ? []
            : Array.isArray(service[0])
              ? (service as readonly Template[])
              : [service as Template];
        for (const s of values.map(templateSource)) {
          if (s && !trusted.has(s)) unreached.set(s, (unreached.get(s) ?? new Set()).add(set.id));
        }
      }
    }
    for (const [service, sets] of unreached) {
      warnings.push(
        `warning: aws: ${[...sets].join(', ')} pass${sets.size === 1 ? 'es' : ''} roles to ${service} only from the workload roles the template creates, and no workloadIdentities.identities entry lists that service; add one (services: [${serviceName(service)}]) or the vendor can pass no role there`,
      );
    }
  }
  if (model.azure && identities.length === 0 && model.permissionSets.some((set) => set.azure?.actions.some(attachesIdentity))) {
    warnings.push(
      'warning: azure: a granted set attaches managed identities, which the vendor may do only with the workload identities the template creates, and the spec declares none (workloadIdentities.identities); the vendor can attach no identity',
    );
  }
  return warnings;
}

function serviceName(principal: string): string {
  return Object.entries(WORKLOAD_SERVICES).find(([, s]) => s.aws === principal)?.[0] ?? principal;
}
