import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Infrastructure PMO portal

The service catalog and the infrastructure portfolio in one place: what is
changing on each service, how healthy each project really is, and whether a
service is ready to be handed over to Run.

- **[PMO portfolio](/pmo)** — KPIs, projects, risk heat map, milestone
  timeline, watermelon projects (declared green, computed red).
- **[Transition board](/pmo?view=transitions)** — every service on its way to
  "Run": readiness checklist, waivers, sign-offs, hypercare.
- **[Catalog](/catalog)** — open a service (e.g. the
  [vSphere production cluster](/catalog/default/component/vsphere-prod-cluster))
  and look at its **PMO** card and tab.

Link a service to projects with the \`pmo/projects\` annotation in its
\`catalog-info.yaml\`, or from a project page.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Welcome',
    description: 'What this portal is and where to start',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
