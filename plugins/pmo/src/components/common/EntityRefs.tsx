/*
 * Copyright 2026 The Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import { ownerEntityRef } from '@infra-pmo/plugin-pmo-common';

/*
 * People and teams the Backstage way: the catalog's display name (through
 * the entity presentation API, which batches its catalog reads across a
 * view) linked to the entity page. Free-text fields (a sponsor "CIO", a
 * vendor owning a RAID item) stay as written.
 */

/**
 * A person or team named in a free-text field (sponsor, RAID owner,
 * history actor): a `user:` or `group:` ref becomes its display name,
 * linked unless `plain` (inside a tooltip); anything else is shown as is.
 * @internal
 */
export function OwnerRef(props: {
  value?: string | null;
  /** Text without a link, e.g. inside a tooltip. */
  plain?: boolean;
  /** Shown when there is no value. */
  empty?: string;
}) {
  const { value, plain, empty = '—' } = props;
  if (!value) return <>{empty}</>;
  const ref = ownerEntityRef(value);
  if (!ref) return <>{value}</>;
  return plain ? (
    <EntityDisplayName entityRef={ref} hideIcon disableTooltip />
  ) : (
    <EntityRefLink entityRef={ref} hideIcon />
  );
}

/**
 * A catalog entity ref known to be one (an owner group, a transition's
 * entity): its display name, linked unless `plain`. A short ref takes
 * `defaultKind` (EntityRefLink's route would reject it otherwise).
 * @internal
 */
export function EntityName(props: {
  entityRef: string;
  defaultKind?: string;
  plain?: boolean;
}) {
  const ref = stringifyEntityRef(
    parseEntityRef(props.entityRef, {
      defaultKind: props.defaultKind,
      defaultNamespace: 'default',
    }),
  );
  return props.plain ? (
    <EntityDisplayName entityRef={ref} hideIcon disableTooltip />
  ) : (
    <EntityRefLink entityRef={ref} hideIcon />
  );
}
