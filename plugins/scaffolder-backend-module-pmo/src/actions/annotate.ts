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

import { InputError } from '@backstage/errors';
import {
  PMO_PROJECTS_ANNOTATION,
  parseProjectsAnnotation,
} from '@infra-pmo/plugin-pmo-common';
import { parseAllDocuments, isMap } from 'yaml';

/**
 * Adds project keys to the `pmo/projects` annotation of every entity in a
 * catalog-info YAML text (all documents except `Location`s), keeping the keys
 * already there and the rest of the file as written. Returns the new text.
 * @internal
 */
export function addProjectsAnnotation(
  text: string,
  projectKeys: string[],
  fileName: string,
): string {
  const docs = parseAllDocuments(text);
  let annotated = 0;
  for (const doc of docs) {
    if ('errors' in doc && doc.errors.length > 0) {
      throw new InputError(
        `${fileName} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    const root = doc.contents;
    if (!isMap(root) || !root.has('metadata')) continue;
    if (doc.get('kind') === 'Location') continue;
    const existing = doc.getIn([
      'metadata',
      'annotations',
      PMO_PROJECTS_ANNOTATION,
    ]);
    const keys = parseProjectsAnnotation(
      typeof existing === 'string' ? existing : undefined,
    ).keys;
    for (const key of projectKeys) if (!keys.includes(key)) keys.push(key);
    doc.setIn(
      ['metadata', 'annotations', PMO_PROJECTS_ANNOTATION],
      keys.join(', '),
    );
    annotated++;
  }
  if (annotated === 0) {
    throw new InputError(`${fileName} has no entity to annotate`);
  }
  return docs.map(d => d.toString()).join('');
}
