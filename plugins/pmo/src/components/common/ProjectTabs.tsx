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

import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import type { Health } from '@infra-pmo/plugin-pmo-common';

/** One tab per project, labelled with its key and effective health. @internal */
export function ProjectTabs(props: {
  projects: Array<{ key: string; health: Health }>;
  index: number;
  onChange: (index: number) => void;
  'aria-label': string;
}) {
  return (
    <Tabs
      value={props.index}
      onChange={(_e, v) => props.onChange(v)}
      variant="scrollable"
      scrollButtons="auto"
      aria-label={props['aria-label']}
    >
      {props.projects.map(p => (
        <Tab
          key={p.key}
          label={`${p.key} (${p.health})`}
          id={`pmo-tab-${p.key}`}
        />
      ))}
    </Tabs>
  );
}
