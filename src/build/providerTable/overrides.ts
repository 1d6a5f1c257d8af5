/**
 * Per-provider judgement the reference table cannot give: docs pages known to exist, slot words
 * where the provider's own word is too plain, and the providers left out on purpose.
 */

/**
 * The provider's own page for managing keys, only where that page is well known to exist; other
 * rules name the dashboard in words instead.
 */
export const DOCS_OF: ReadonlyMap<string, string> = new Map([
  ['facebookoauth', 'https://developers.facebook.com/apps/'],
  ['spotifykey', 'https://developer.spotify.com/dashboard'],
  ['twitch', 'https://dev.twitch.tv/console/apps'],
  ['twitchaccesstoken', 'https://dev.twitch.tv/console/apps'],
  ['strava', 'https://www.strava.com/settings/api'],
  ['youtubeapikey', 'https://console.cloud.google.com/apis/credentials'],
  ['blogger', 'https://console.cloud.google.com/apis/credentials'],
  ['godaddy', 'https://developer.godaddy.com/keys'],
  ['etherscan', 'https://etherscan.io/myapikey'],
  ['bscscan', 'https://bscscan.com/myapikey'],
  ['mapbox', 'https://account.mapbox.com/access-tokens/'],
  ['postman', 'https://go.postman.co/settings/me/api-keys'],
  ['ngrok', 'https://dashboard.ngrok.com/get-started/your-authtoken'],
  ['snykkey', 'https://app.snyk.io/account'],
  ['virustotal', 'https://www.virustotal.com/gui/my-apikey'],
  ['shodankey', 'https://account.shodan.io/'],
  ['weightsandbiases', 'https://wandb.ai/authorize'],
  ['tailscale', 'https://login.tailscale.com/admin/settings/keys'],
  ['zohocrm', 'https://api-console.zoho.com/'],
  ['webex', 'https://developer.webex.com/my-apps'],
  ['webexbot', 'https://developer.webex.com/my-apps'],
  ['linemessaging', 'https://developers.line.biz/console/'],
  ['calendlyapikey', 'https://calendly.com/integrations/api_webhooks'],
  ['klaviyo', 'https://www.klaviyo.com/settings/account/api-keys'],
  ['openrouter', 'https://openrouter.ai/keys'],
  ['launchdarkly', 'https://app.launchdarkly.com/settings/authorization'],
  ['twitter', 'https://developer.twitter.com/en/portal/dashboard'],
  ['twitterconsumerkey', 'https://developer.twitter.com/en/portal/dashboard'],
]);

/**
 * Slot words where the folder's own word would not do: too plain (`host`), shared with another
 * product (`apollo` is also Apollo GraphQL), or not what people name the variable.
 */
export const KEYWORDS_OF: ReadonlyMap<string, string[]> = new Map([
  ['host', ['host_io']],
  ['apollo', ['apollo_io', 'apolloio']],
  ['gemini', ['gemini']],
  ['linemessaging', ['line_channel', 'line_messaging']],
  ['linenotify', ['line_notify']],
  ['restpackhtmltopdfapi', ['restpack_html', 'restpack_pdf']],
  ['restpackscreenshotapi', ['restpack_screenshot', 'restpack_capture']],
  ['eightxeight', ['eightxeight', '8x8_api', '8x8_key', '8x8_secret', '8x8_token']],
]);

/** Providers of the reference table deliberately without a rule, with the reason. */
export const LEFT_OUT: ReadonlyMap<string, string> = new Map([
  ['user', 'User.com: a 64-char key whose only keyword is "user", a word in every codebase; no distinctive name to demand.'],
  [
    'pubnubsubscriptionkey',
    'PubNub subscribe key (sub-c-…): public by design, shipped in every client app that listens; not a credential. The publish key has a rule.',
  ],
]);

/** A value shape written by hand, for providers whose reference entry is not a plain run of one alphabet. */
export interface ManualShape {
  prefix?: string;
  suffix?: string;
  alphabet: string;
  length: number | { min: number; max: number };
}

const JWT = 'custom:0-9A-Za-z._-';
// Template braces and `$` left out: `${VAR}` is a reference to a password, not one.
const NON_SPACE = 'custom:0-9A-Za-z!#%&()*+,./:;<=>?@[]^_|~-';

/**
 * Shapes read from the reference notes of providers whose format is a composite (JWT-like
 * segments, digits then hex, a password) so no single alphabet names it: the nearest regular
 * shape, still bounded by length and demanded under the provider's name.
 */
export const MANUAL_SHAPES: ReadonlyMap<string, ManualShape> = new Map<string, ManualShape>([
  ['bombbomb', { prefix: 'eyJ', alphabet: JWT, length: { min: 40, max: 740 } }],
  ['documo', { prefix: 'eyJ', alphabet: JWT, length: { min: 230, max: 240 } }],
  ['reallysimplesystems', { prefix: 'eyJ', alphabet: JWT, length: { min: 1060, max: 1160 } }],
  ['rentman', { prefix: 'eyJ', alphabet: JWT, length: { min: 280, max: 340 } }],
  ['voicegain', { prefix: 'eyJ', alphabet: JWT, length: { min: 180, max: 195 } }],
  ['cloudconvert', { prefix: 'eyJ', alphabet: JWT, length: { min: 820, max: 1250 } }],
  ['kontent', { prefix: 'eyJ', alphabet: JWT, length: { min: 260, max: 490 } }],
  ['graphcms', { prefix: 'eyJ', alphabet: JWT, length: { min: 1120, max: 1130 } }],
  ['front', { prefix: 'eyJ', alphabet: JWT, length: { min: 220, max: 285 } }],
  ['edenai', { prefix: 'eyJ', alphabet: JWT, length: { min: 170, max: 180 } }],
  ['viewneo', { alphabet: JWT, length: { min: 870, max: 1400 } }],
  ['formbucket', { alphabet: JWT, length: { min: 30, max: 600 } }],
  ['lexigram', { alphabet: JWT, length: 301 }],
  ['simplynoted', { alphabet: JWT, length: { min: 340, max: 360 } }],
  ['dotdigital', { alphabet: NON_SPACE, length: { min: 8, max: 24 } }],
  ['klaviyo', { prefix: 'pk_', alphabet: 'custom:0-9A-Za-z_', length: { min: 34, max: 41 } }],
  ['d7network', { alphabet: 'base64', length: 23, suffix: '=' }],
  ['pubnubpublishkey', { prefix: 'pub-c-', alphabet: 'custom:0-9a-f-', length: 36 }],
  ['zulipchat', { alphabet: 'alnum', length: 32 }],
  ['nethunt', { alphabet: 'custom:0-9A-Za-z_-', length: 36 }],
  ['kickbox', { alphabet: 'custom:0-9A-Za-z_', length: { min: 65, max: 80 } }],
  ['avazapersonalaccesstoken', { alphabet: 'custom:0-9a-f-', length: { min: 42, max: 52 } }],
  ['clickuppersonaltoken', { prefix: 'pk_', alphabet: 'custom:0-9A-Z_', length: { min: 41, max: 43 } }],
  ['zenkitapi', { alphabet: 'custom:0-9A-Za-z-', length: 41 }],
  ['float', { alphabet: 'base64', length: { min: 58, max: 59 }, suffix: '=' }],
  ['shipday', { alphabet: 'custom:0-9A-Za-z.', length: 31 }],
  ['tickettailor', { prefix: 'sk_', alphabet: 'custom:0-9a-f_', length: 44 }],
  ['hereapi', { alphabet: 'base64url', length: 43 }],
  ['speechtextai', { alphabet: 'alnum', length: 32 }],
  ['voiceflow', { prefix: 'VF.', alphabet: 'custom:0-9A-Za-z.', length: { min: 41, max: 44 } }],
  ['databox', { alphabet: 'alnum', length: 21 }],
  ['codemagic', { alphabet: 'custom:0-9A-Za-z_', length: 43 }],
  ['vagrantcloudpersonaltoken', { alphabet: 'custom:0-9A-Za-z.', length: 89 }],
  ['godaddy', { alphabet: 'custom:0-9A-Za-z_', length: { min: 35, max: 37 } }],
  ['ngrok', { alphabet: 'custom:0-9A-Za-z_', length: 49 }],
  ['tableau', { alphabet: 'custom:0-9A-Za-z+/=:', length: 57 }],
  ['storyblokpersonalaccesstoken', { alphabet: 'custom:0-9A-Za-z_-', length: 52 }],
  ['sirv', { alphabet: 'custom:0-9A-Za-z+/=', length: 88 }],
  ['convier', { alphabet: 'custom:0-9A-Za-z|', length: 43 }],
]);

/** Rules whose value is a whole URL: no alphabet run describes it, so the regex is written here. */
export const MANUAL_REGEXES: ReadonlyMap<string, { regex: string; keywords: string[]; example: (fill: (n: number) => string) => string }> =
  new Map([
    [
      'tineswebhook',
      {
        regex: '(?<![A-Za-z0-9_])(?<secret>https://[a-z0-9-]{1,63}\\.tines\\.com/webhook/[a-z0-9]{32}/[a-z0-9]{32})(?![A-Za-z0-9])',
        keywords: ['tines.com/webhook'],
        example: (fill) => `https://fake-tenant.tines.com/webhook/${fill(32)}/${fill(32)}`,
      },
    ],
  ]);

/**
 * Reference folders whose provider the catalogue already has (rules written before this table,
 * under the provider's display name). Listed so COVERAGE.md accounts for every folder.
 */
const COVERED_LIST = `airtableoauth airtablepersonalaccesstoken=Airtable; algoliaadminkey=Algolia; alibaba=Alibaba Cloud; anthropic=Anthropic;
  artifactory artifactoryreferencetoken=JFrog; asanaoauth asanapersonalaccesstoken=Asana; atlassian atlassiandatacenter=Atlassian;
  jiratoken=Atlassian Jira; auth0managementapitoken auth0oauth=Auth0; aws=AWS;
  azure_batch azure_cosmosdb azure_entra azure_storage azureapimanagement azureapimanagementsubscriptionkey azureappconfigconnectionstring
  azurecontainerregistry azuredevopspersonalaccesstoken azuredirectmanagementkey azurefunctionkey azuresastoken azuresearchadminkey
  azuresearchquerykey=Azure; azure_openai=Azure OpenAI; bitbucketapppassword=Bitbucket; box boxoauth=Box;
  braintreepayments=PayPal Braintree; bugsnag=Bugsnag; buildkite=Buildkite; circleci=CircleCI;
  cloudflareapitoken cloudflarecakey cloudflareglobalapikey=Cloudflare; coinbase=Coinbase; databrickstoken=Databricks;
  datadogapikey datadogtoken=Datadog; deepseek=DeepSeek; digitaloceantoken digitaloceanv2=DigitalOcean;
  discordbottoken discordwebhook=Discord; docker dockerhub=Docker; doppler=Doppler; droneci=Drone; dropbox=Dropbox;
  fastlypersonaltoken=Fastly; figmapersonalaccesstoken=Figma; flutterwave=Flutterwave; flyio=Fly.io; freshdesk=Freshdesk;
  ftp uri=URL credentials; gcp gcpapplicationdefaultcredentials googleoauth2=Google Cloud; generic=Generic;
  github github_oauth2 githubapp=GitHub; gitlab gitlaboauth2=GitLab; googlegemini=Google AI Studio (Gemini);
  grafana grafanaserviceaccount=Grafana; groq=Groq; hashicorpvault hashicorpvaultauth=HashiCorp Vault; heroku=Heroku;
  honeycomb=Honeycomb; hubspot_apikey=HubSpot; huggingface=Hugging Face; ibmclouduserkey=IBM Cloud; intercom=Intercom;
  jdbc=JDBC; jwt=JSON Web Token; ldap=LDAP; linearapi=Linear; logzio=Logz.io; mailchimp=Mailchimp; mailgun=Mailgun;
  mailjetbasicauth mailjetsms=Mailjet; mandrill=Mailchimp Transactional (Mandrill); messagebird=MessageBird (Bird);
  microsoftteamswebhook=Microsoft Teams; mongodb=MongoDB; netlify=Netlify;
  newrelicbrowserkey newrelicinsightsinsertkey newrelicinsightsquerykey newreliclicensekey newrelicmobileapptoken
  newrelicpersonalapikey newrelicuserkey=New Relic; nexmoapikey=Vonage (Nexmo); notion=Notion; npmtoken npmtokenv2=npm;
  nugetapikey=NuGet; okta=Okta; openai openaiadmin=OpenAI; pagerdutyapikey=PagerDuty; paypaloauth=PayPal; paystack=Paystack;
  pinecone=Pinecone; plaidkey=Plaid; planetscale planetscaledb=PlanetScale; plivo=Plivo; postgres=PostgreSQL; postmark=Postmark;
  privatekey=Private key; pulumi=Pulumi; pypi=PyPI; rabbitmq=RabbitMQ; razorpay=Razorpay; redis=Redis; replicate=Replicate;
  rubygems=RubyGems; scalewaykey=Scaleway; sendgrid=Twilio SendGrid; sendinbluev2=Brevo (Sendinblue);
  sentryorgtoken sentrytoken=Sentry; shopify shopifyoauth=Shopify; sinchmessage=Sinch; slack slackwebhook=Slack;
  snowflake=Snowflake; sparkpost=SparkPost; splunkobservabilitytoken=Splunk; sqlserver=Microsoft SQL Server;
  square squareapp=Square; stripe stripepaymentintent=Stripe; sumologickey=Sumo Logic; supabasetoken=Supabase;
  telegrambottoken=Telegram; telnyx=Telnyx; terraformcloudpersonaltoken=HashiCorp Terraform Cloud; travisci=Travis CI;
  trelloapikey=Trello; twilio twilioapikey=Twilio; vercel=Vercel; xai=xAI; zendeskapi=Zendesk`;

/** Folder → the catalogue provider that already covers it. */
export const COVERED_BY: ReadonlyMap<string, string> = new Map(
  COVERED_LIST.split(';').flatMap((entry) => {
    const [folders = '', provider = ''] = entry.split('=');
    return folders
      .trim()
      .split(/\s+/)
      .map((folder) => [folder, provider.trim()] as const);
  }),
);
