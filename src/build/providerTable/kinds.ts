/**
 * Remediation by kind of service. A provider's guidance is its kind's text with the provider's
 * name filled in: each text says only what holds for every provider of that kind (what a key for
 * such a service unlocks, where such services keep their keys, which records they keep), so a
 * provider goes in the kind whose text is true for it, or in `saas` when none is.
 */
export interface Kind {
  /** The catalogue family (`leakgate rules` groups by it). */
  readonly family: string;
  /** What an attacker can do with the key, one sentence. */
  readonly why: (name: string) => string;
  /** Where the key is managed and the safe rotation order. */
  readonly revoke: (name: string) => string;
  /** Which records tell whether the key was used. */
  readonly investigate: (name: string) => string;
}

/** The rotation order every kind shares: new key first, callers next, the old key last. */
const rotate = (name: string, where: string, callers: string, thing: string) =>
  `${name}: sign in and open ${where}. Create a new ${thing}, put it in your secret store, update ${callers} (staging first), then delete or deactivate the leaked ${thing} and keep watching the account for a few days.`;

const kind = (family: string, why: Kind['why'], where: string, callers: string, investigate: Kind['investigate'], thing = 'key'): Kind => ({
  family,
  why,
  revoke: (name) => rotate(name, where, callers, thing),
  investigate,
});

export const KINDS = {
  email: kind(
    'messaging',
    (n) =>
      `Anyone holding this ${n} key can use your ${n} account through its API: send email in your name, spend your sending quota and read your contacts, lists and campaign data.`,
    'the account settings page that lists API keys (often under Settings → API or Integrations)',
    'every service that sends mail or syncs contacts with it',
    (n) =>
      `In ${n}, check the sending activity and campaign reports for messages you did not send, new senders, domains or templates, contact-list exports, and bounce or complaint spikes; compare API usage with your own deploys.`,
  ),
  sms: kind(
    'messaging',
    (n) =>
      `Anyone holding this ${n} credential can send SMS or place calls billed to your account (toll fraud, phishing from your sender id) and read your message history.`,
    'the API settings of the account (API keys or credentials)',
    'every service that sends messages through it',
    (n) =>
      `In ${n}, check the message and call logs for destinations you do not recognise (premium or foreign numbers), spikes in volume or spend, and new sender ids or numbers.`,
    'credential',
  ),
  notify: kind(
    'messaging',
    (n) =>
      `Anyone holding this ${n} key can send notifications or realtime messages to your users in your app's name and read the channels or audiences it can reach.`,
    'the app or project settings that hold its API keys',
    'every backend and app that publishes through it',
    (n) =>
      `In ${n}, check the delivery or message history for notifications you did not send, new channels, segments or templates, and usage spikes outside your release times.`,
  ),
  chat: kind(
    'chat',
    (n) =>
      `Anyone holding this ${n} token can read and post messages with the permissions of the user or bot it belongs to, and so phish your team or read what is shared there.`,
    'the developer or integration settings where the token (or bot) was created',
    'every bot, integration and script that uses it',
    (n) =>
      `In ${n}, check the audit or access log of the workspace for the token's user or bot: messages it posted, channels it joined or read, files it fetched, at unfamiliar hours or from unfamiliar IPs.`,
    'token',
  ),
  comms: kind(
    'chat',
    (n) =>
      `Anyone holding this ${n} credential can create rooms, calls or events on your account, join or record sessions it can reach, and run up usage billed to you.`,
    'the project or developer settings that list API keys',
    'every service that creates sessions with it',
    (n) =>
      `In ${n}, check the usage and session logs for rooms, recordings or participants you do not recognise and for usage (minutes) outside your own traffic.`,
    'credential',
  ),
  crm: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} key can read and change your CRM: contacts, companies, deals and notes (personal data of your customers), and export them.`,
    'the user or admin settings that list API keys or tokens',
    'every integration and script that syncs with it',
    (n) =>
      `In ${n}, check the audit log or activity feed for exports, bulk changes or deletions of contacts and deals, and new users or integrations; report a leak of customer data as your privacy rules require.`,
  ),
  leads: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} key can spend your paid lookup or verification credits and download the contact and company data your plan can reach.`,
    'the account or API settings page that shows the key',
    'every service that runs lookups with it',
    (n) => `In ${n}, check the usage or credit history for lookups, searches or exports that your own jobs did not make.`,
  ),
  support: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} key can read your customers' conversations and tickets (often with personal data), reply as your team and change or delete them.`,
    'the admin settings that list API keys or tokens',
    'every integration that reads or writes tickets or feedback with it',
    (n) =>
      `In ${n}, check the audit or activity log for replies, exports, deletions or settings changes your team did not make, and which conversations were read through the API.`,
  ),
  forms: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} key can read every response collected by your forms or surveys (often personal data) and change or delete forms.`,
    'the account settings that list API keys or tokens',
    'every integration that reads responses with it',
    (n) =>
      `In ${n}, check the account activity for response exports, new or edited forms and webhooks, and API usage your own integrations do not explain.`,
  ),
  project: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} token can read and change your workspace with the permissions of its user: projects, tasks, documents and comments, including anything confidential written there.`,
    'the personal or admin settings that list API tokens',
    'every integration and script that uses it',
    (n) =>
      `In ${n}, check the workspace activity or audit log for items created, changed, exported or deleted by the token's user that your team did not do.`,
    'token',
  ),
  time: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} key can read and change your team's time entries, schedules or bookings (names, hours, clients and rates) and the people data behind them.`,
    'the profile or admin settings that show the API key or token',
    'every integration that reads or writes it',
    (n) =>
      `In ${n}, check the activity log or recent changes for edited or deleted entries, bookings or people, and exports you did not make.`,
  ),
  accounting: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} key can read your financial records (invoices, clients, payments, amounts) and create or change them, which can redirect money or leak client data.`,
    'the account or integration settings that list API keys or tokens',
    'every integration that reads or writes your books with it',
    (n) =>
      `In ${n}, check the audit trail for new or edited invoices, clients, bank details or payments, and for exports of records, that your team did not make.`,
  ),
  esign: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} credential can read your signed and pending documents (contracts, personal data) and send documents for signature in your company's name.`,
    'the developer or API settings of the account',
    'every integration that sends or reads documents with it',
    (n) =>
      `In ${n}, check the document history and audit trails for documents sent, viewed, downloaded or voided that your team did not handle.`,
    'credential',
  ),
  payments: kind(
    'payments',
    (n) =>
      `Anyone holding this ${n} key can act on your payments account through its API: read customers and transactions and, with a live secret key, create charges, refunds or payouts.`,
    'the developer or API settings of the dashboard (live and test keys are listed separately)',
    'every service that takes or reads payments with it',
    (n) =>
      `In ${n}, check the API request logs and the transaction, refund and payout history for activity you did not initiate, and new webhooks, users or bank accounts.`,
  ),
  crypto: kind(
    'payments',
    (n) => `Anyone holding this ${n} API key can read your balances and history and, if the key may trade or withdraw, move your funds.`,
    'the API management page of the account',
    'every bot or service that trades with it',
    (n) =>
      `In ${n}, check the API key's activity, the order and trade history, withdrawals and new withdrawal addresses, and login history; if funds moved, contact ${n} support at once.`,
  ),
  commerce: kind(
    'payments',
    (n) =>
      `Anyone holding this ${n} key can read and change your store or bookings data (orders, customers, addresses) and create orders, labels or bookings billed to you.`,
    'the store or developer settings that list API keys',
    'every service that uses it',
    (n) =>
      `In ${n}, check the order, shipment or booking history and the API or activity log for records created, changed or exported that your own systems did not make.`,
  ),
  marketdata: kind(
    'web-apis',
    (n) =>
      `Anyone holding this ${n} key can use your data subscription: spend its request quota, run up overage billed to you or get the key suspended for abuse.`,
    'the account dashboard that shows the API key',
    'every service that calls the API',
    (n) => `In ${n}, check the usage statistics for request volume, endpoints or times that your own services do not explain.`,
  ),
  webdata: kind(
    'web-apis',
    (n) =>
      `Anyone holding this ${n} key can call the API on your plan: spend your request quota, run up overage billed to you or get the key blocked for abuse.`,
    'the account dashboard that shows the API key',
    'every service and app that calls the API',
    (n) => `In ${n}, check the usage or billing page for requests, referrers or times that your own services do not explain.`,
  ),
  scraping: kind(
    'web-apis',
    (n) =>
      `Anyone holding this ${n} key can run scraping, crawling or capture jobs on your plan, spending your credits, and read the results of your own jobs.`,
    'the dashboard page that shows the API key',
    'every job or service that calls it',
    (n) => `In ${n}, check the usage or job history for requests, targets or volumes your own jobs did not make.`,
  ),
  docgen: kind(
    'web-apis',
    (n) =>
      `Anyone holding this ${n} key can run conversion or document jobs on your plan, spending your credits, and may read the documents and templates stored with your account.`,
    'the account or API settings that show the key',
    'every service that calls it',
    (n) => `In ${n}, check the job or usage history for conversions and downloads your own services did not make.`,
  ),
  ai: kind(
    'ai',
    (n) =>
      `Anyone holding this ${n} key can run models or jobs billed to your account and read whatever your account stores there (datasets, files, transcripts, traces).`,
    'the account or project settings that list API keys',
    'every service that calls it',
    (n) =>
      `In ${n}, check usage and billing for requests, models or volume your own services do not explain, and the stored projects, files or jobs for anything read or created by someone else.`,
  ),
  monitoring: kind(
    'observability',
    (n) =>
      `Anyone holding this ${n} key can read what you monitor (hosts, errors, alerts, incidents) and, with write access, send false data or silence and change your checks and alerts.`,
    'the account or organisation settings that list API keys or tokens',
    'every agent, exporter or integration that uses it',
    (n) =>
      `In ${n}, check the audit log for changed or deleted checks, monitors, alert rules and integrations, and the usage for data your own agents did not send.`,
  ),
  analytics: kind(
    'observability',
    (n) =>
      `Anyone holding this ${n} key can send false events into your analytics and, with a secret or read key, read what you track about your users and export it.`,
    'the project settings that list API keys or tokens',
    'every app and pipeline that sends or reads data with it',
    (n) => `In ${n}, check the project's usage and activity for events, exports or API queries your own apps and jobs did not make.`,
  ),
  devtools: kind(
    'code-ci',
    (n) =>
      `Anyone holding this ${n} token can act in your ${n} account with its user's permissions: read projects, builds and results (which may include source code and secrets) and start or change jobs.`,
    'the user or organisation settings that list API tokens',
    'every pipeline and script that uses it',
    (n) =>
      `In ${n}, check the audit log or build history for jobs, settings changes, downloads and new tokens or users that your team did not make.`,
    'token',
  ),
  integration: kind(
    'code-ci',
    (n) =>
      `Anyone holding this ${n} credential can use your ${n} account and, through it, the apps and data it is connected to, within the credential's permissions.`,
    'the account or project settings that list API keys or credentials',
    'every workflow and service that uses it',
    (n) =>
      `In ${n}, check the execution or API logs for runs and calls you did not make, and whether connected accounts or workflows were changed.`,
    'credential',
  ),
  webhook: kind(
    'code-ci',
    (n) =>
      `Anyone holding this ${n} webhook URL can trigger your automation with data of their choosing, which then runs with the permissions of whatever the automation touches.`,
    'the workflow or story that owns the webhook',
    'every system that calls it with the new URL',
    (n) => `In ${n}, check the run history of the workflow for triggers with data your own systems did not send, and what those runs did.`,
    'webhook URL',
  ),
  packages: kind(
    'packages',
    (n) =>
      `Anyone holding this ${n} token can read your private packages and, with write access, publish or replace packages that your builds and users install.`,
    'the user or organisation settings that list API tokens or keys',
    'every pipeline that pulls or publishes with it',
    (n) =>
      `In ${n}, check the audit or download logs and the package versions for uploads, deletions or downloads you did not make; yank anything you did not publish.`,
    'token',
  ),
  cloud: kind(
    'cloud',
    (n) =>
      `Anyone holding this ${n} key can manage your ${n} resources with the key's permissions: create, change or delete servers, networks, domains or data, billed to you.`,
    'the account or team settings that list API keys or tokens',
    'every deploy pipeline and tool that uses it',
    (n) =>
      `In ${n}, check the activity or audit log for resources, users, keys or DNS and network changes you did not make, and billing for unexpected usage.`,
  ),
  iot: kind(
    'cloud',
    (n) =>
      `Anyone holding this ${n} key can read your devices' data and, with write access, send data or commands to them or change their configuration.`,
    'the account settings that list API keys or tokens',
    'every device, gateway and service that uses it',
    (n) =>
      `In ${n}, check the device and data logs for readings, commands or configuration changes that your own devices and services did not make.`,
  ),
  web3: kind(
    'cloud',
    (n) =>
      `Anyone holding this ${n} key can spend your plan's request or storage quota and read the data of your projects; it does not hold funds, but abuse is billed to you or gets the key blocked.`,
    'the dashboard of the project or app that owns the key',
    'every dapp, backend and script that uses it',
    (n) =>
      `In ${n}, check the request statistics and the allow-lists of the key (origins, contracts) for traffic your own apps do not explain.`,
  ),
  data: kind(
    'data',
    (n) =>
      `Anyone holding this ${n} credential can read, change or delete the data it has access to, and may run up compute or storage billed to you.`,
    'the account or project settings that list API keys, tokens or users',
    'every application and job that uses it',
    (n) =>
      `In ${n}, check the query, access or audit logs for reads, exports, schema changes or deletions that your own applications do not explain.`,
    'credential',
  ),
  identity: kind(
    'identity',
    (n) =>
      `Anyone holding this ${n} credential can manage your users and sign-in settings with its permissions: read user data, create users or change who can sign in to your apps.`,
    'the admin console, in the API keys or applications section',
    'every application and script that uses it',
    (n) =>
      `In ${n}, check the admin audit log (system log) for users, applications, policies or keys created or changed by the credential, and sign-ins you cannot explain.`,
    'credential',
  ),
  security: kind(
    'security',
    (n) =>
      `Anyone holding this ${n} key can use your security tooling: read your findings, assets and scan results (a map of your weaknesses) and spend your plan's quota.`,
    'the account or organisation settings that list API keys or tokens',
    'every integration that calls it',
    (n) => `In ${n}, check the audit log and API usage for queries, exports or settings changes your own integrations did not make.`,
  ),
  cms: kind(
    'content',
    (n) =>
      `Anyone holding this ${n} token can read your content (drafts included) and, with a management or write token, change, publish or delete it on your sites.`,
    'the space, project or account settings that list API tokens',
    'every site build and integration that uses it',
    (n) =>
      `In ${n}, check the activity or history of entries and assets for edits, publications or deletions your editors did not make, and new tokens or webhooks.`,
    'token',
  ),
  localization: kind(
    'content',
    (n) =>
      `Anyone holding this ${n} token can read your projects' strings (often unreleased product text) and change or delete translations that ship in your app.`,
    'the account or project settings that list API tokens',
    'every CI job and integration that syncs strings with it',
    (n) => `In ${n}, check the project activity for uploads, edits, exports or deletions your own jobs and translators did not make.`,
    'token',
  ),
  media: kind(
    'content',
    (n) =>
      `Anyone holding this ${n} key can use your media account: read or download your assets, upload or delete files and spend your plan's quota or bandwidth.`,
    'the account or developer settings that list API keys',
    'every app and service that uses it',
    (n) =>
      `In ${n}, check the usage and media library activity for uploads, downloads, deletions or transformations your own apps did not make.`,
  ),
  social: kind(
    'content',
    (n) =>
      `Anyone holding this ${n} credential can call the ${n} API as your app or account: read what it can read and, where the token allows, post or change content in your name.`,
    'the developer portal, on the app that owns the credential',
    'every service that uses the app',
    (n) =>
      `In ${n}, check the app's usage and rate-limit statistics and the account's recent posts and settings for activity you did not cause.`,
    'credential',
  ),
  links: kind(
    'content',
    (n) =>
      `Anyone holding this ${n} key can create, change or redirect your short links (sending your audience to phishing pages) and read their click data.`,
    'the account settings that list API keys or tokens',
    'every service that creates links with it',
    (n) => `In ${n}, check your links for new ones or changed destinations you did not make, and the API usage history.`,
  ),
  saas: kind(
    'business',
    (n) =>
      `Anyone holding this ${n} key can call the ${n} API as your account: read and change the data the key can reach and spend your plan's usage.`,
    'the account or developer settings that show the API key',
    'every service that calls it',
    (n) => `In ${n}, check the account's activity or API usage for reads, changes or requests that your own services did not make.`,
  ),
} as const satisfies Record<string, Kind>;

export type KindName = keyof typeof KINDS;
