// How an unresolved reference (`valueFrom`, a mounted file) is written as an observation's value
// text. Shared so Kubernetes manifests and Helm charts say the same thing for the same reference.
import type { ValueRef } from '../../core/types.js';

/** Compact text of an unresolved reference (see ../kubernetes/README.md). */
export function refText(ref: ValueRef): string {
  switch (ref.kind) {
    case 'configMap':
      return `configMapKeyRef(${ref.name}/${ref.key})`;
    case 'secret':
      return `secretKeyRef(${ref.name}/${ref.key})`;
    case 'field':
      return `fieldRef(${ref.fieldPath})`;
    case 'resourceField':
      return `resourceFieldRef(${ref.resource}${ref.divisor !== undefined ? `, divisor=${ref.divisor}` : ''})`;
    case 'file':
      return `file(${ref.path})`;
  }
}
