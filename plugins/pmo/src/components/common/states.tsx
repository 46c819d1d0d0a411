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

import {
  CodeSnippet,
  EmptyState,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { PMO_PROJECTS_ANNOTATION } from '@infra-pmo/plugin-pmo-common';
import { isForbidden, serverErrorMessage } from './errors';

/**
 * Error state of every PMO view: a clear access message for 403, the
 * standard response error panel otherwise.
 */
export function PmoErrorPanel(props: { error: Error; title?: string }) {
  const { error } = props;
  if (isForbidden(error)) {
    return (
      <WarningPanel
        severity="warning"
        title="You do not have access"
        message={
          <Typography variant="body2">
            Your permissions do not allow you to see this PMO data. Ask the PMO
            team or the project owner for access.
          </Typography>
        }
      />
    );
  }
  if ((error as { response?: unknown }).response) {
    return <ResponseErrorPanel error={error} title={props.title} />;
  }
  return (
    <WarningPanel
      severity="error"
      title={props.title ?? 'Could not load PMO data'}
      message={serverErrorMessage(error)}
    />
  );
}

const SNIPPET = `metadata:
  annotations:
    ${PMO_PROJECTS_ANNOTATION}: INFRA-101, INFRA-204`;

/**
 * "Nothing attached" state of the entity views: how to attach projects with
 * the annotation (or by linking from the PMO page). `system` words it for a
 * System page, whose projects also come from its components and resources.
 */
export function NoProjectsEmptyState(props: { system?: boolean } = {}) {
  return (
    <EmptyState
      missing="info"
      title={
        props.system
          ? 'No PMO project touches this system or its components'
          : 'No PMO projects attached'
      }
      description={
        <>
          <Typography variant="body2" paragraph>
            {props.system
              ? 'No project is linked to this system, nor to any of its components or resources. '
              : ''}
            List the project keys in the <code>{PMO_PROJECTS_ANNOTATION}</code>{' '}
            annotation of this entity, or link it to a project from the PMO
            page.
          </Typography>
          <CodeSnippet language="yaml" text={SNIPPET} showCopyCodeButton />
        </>
      }
    />
  );
}

/** Warns about annotation tokens that are not projects. */
export function AnnotationProblems(props: {
  unknownKeys: string[];
  invalidKeys: string[];
}) {
  const { unknownKeys, invalidKeys } = props;
  if (unknownKeys.length === 0 && invalidKeys.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`Problems in the ${PMO_PROJECTS_ANNOTATION} annotation`}
      message={
        <>
          {unknownKeys.length > 0 && (
            <Typography variant="body2">
              Unknown project keys: {unknownKeys.join(', ')}
            </Typography>
          )}
          {invalidKeys.length > 0 && (
            <Typography variant="body2">
              Not valid project keys (expected e.g. INFRA-101):{' '}
              {invalidKeys.join(', ')}
            </Typography>
          )}
        </>
      }
    />
  );
}
