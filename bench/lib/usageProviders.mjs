// @ts-check
// Providers and the ways their own SDK documentation shows a credential being passed in, for the
// usage corpus (bench/usageCorpus.mjs). Each credential is random at every run, in the format
// the provider documents. The snippets follow each SDK's README or quick-start: the constructor or
// call a developer copies, with the key pasted in where the docs say "YOUR_API_KEY".
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @typedef {{ name: string, env: string, field: string, secret: boolean, make: () => string }} Part */
/** @typedef {Record<string, string>} Values */
/** @typedef {{ path: string, text: (v: Values) => string }} Snippet */
/** @typedef {{ provider: string, section: string, parts: Part[], sdk: Snippet[] }} UsageProvider */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const URLSAFE = `${ALNUM}-_`;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

/**
 * @param {string} alphabet
 * @param {number} length
 */
export function random(alphabet, length) {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * A token of GitHub's format: prefix, random part, and the random part's checksum (the build's
 * own function: the corpus tests detection, not the checksum, which has unit tests of its own).
 * @param {string} prefix
 * @param {string} randomPart
 */
function withChecksum(prefix, randomPart) {
  const { base62Checksum } = require('../../dist/detect/checksums.js');
  return `${prefix}${randomPart}${base62Checksum(randomPart)}`;
}

const uuid = () => [8, 4, 4, 4, 12].map((n) => random(HEX, n)).join('-');

/**
 * One secret part.
 * @param {string} env
 * @param {string} field
 * @param {() => string} make
 * @returns {Part}
 */
const secret = (env, field, make) => ({ name: 'key', env, field, secret: true, make });

/**
 * A second part that is an identifier, planted beside the secret but not counted.
 * @param {string} name
 * @param {string} env
 * @param {string} field
 * @param {() => string} make
 * @returns {Part}
 */
const id = (name, env, field, make) => ({ name, env, field, secret: false, make });

/** @type {UsageProvider[]} */
export const USAGE_PROVIDERS = [
  {
    provider: 'Stripe',
    section: 'stripe',
    parts: [secret('STRIPE_SECRET_KEY', 'secret_key', () => `sk_live_${random(ALNUM, 24)}`)],
    sdk: [
      { path: 'src/billing.js', text: (v) => `const stripe = require('stripe')('${v.key}');\n` },
      { path: 'billing/payments.py', text: (v) => `import stripe\n\nstripe.api_key = "${v.key}"\n` },
      {
        path: 'billing/stripe.go',
        text: (v) => `package billing\n\nimport "github.com/stripe/stripe-go/v76"\n\nfunc init() {\n\tstripe.Key = "${v.key}"\n}\n`,
      },
    ],
  },
  {
    provider: 'Twilio',
    section: 'twilio',
    parts: [
      id('sid', 'TWILIO_ACCOUNT_SID', 'account_sid', () => `AC${random(HEX, 32)}`),
      secret('TWILIO_AUTH_TOKEN', 'auth_token', () => random(HEX, 32)),
    ],
    sdk: [
      { path: 'src/sms.js', text: (v) => `const client = require('twilio')('${v.sid}', '${v.key}');\n` },
      { path: 'notify/sms.py', text: (v) => `from twilio.rest import Client\n\nclient = Client("${v.sid}", "${v.key}")\n` },
      { path: 'app/services/sms.rb', text: (v) => `require 'twilio-ruby'\n\n@client = Twilio::REST::Client.new('${v.sid}', '${v.key}')\n` },
    ],
  },
  {
    provider: 'Twilio SendGrid',
    section: 'sendgrid',
    parts: [secret('SENDGRID_API_KEY', 'api_key', () => `SG.${random(URLSAFE, 22)}.${random(URLSAFE, 43)}`)],
    sdk: [
      { path: 'src/mail.js', text: (v) => `const sgMail = require('@sendgrid/mail');\nsgMail.setApiKey('${v.key}');\n` },
      { path: 'mail/send.py', text: (v) => `from sendgrid import SendGridAPIClient\n\nsg = SendGridAPIClient('${v.key}')\n` },
      { path: 'Mail/Sender.cs', text: (v) => `using SendGrid;\n\nvar client = new SendGridClient("${v.key}");\n` },
    ],
  },
  {
    provider: 'Mailgun',
    section: 'mailgun',
    parts: [secret('MAILGUN_API_KEY', 'api_key', () => `key-${random(HEX, 32)}`)],
    sdk: [
      {
        path: 'src/mailer.js',
        text: (v) =>
          `const Mailgun = require('mailgun.js');\nconst mg = new Mailgun(FormData).client({ username: 'api', key: '${v.key}' });\n`,
      },
      { path: 'mail/mailgun.py', text: (v) => `import requests\n\nrequests.post(url, auth=("api", "${v.key}"), data=payload)\n` },
      { path: 'src/Mailer.php', text: (v) => `<?php\nuse Mailgun\\Mailgun;\n$mg = Mailgun::create('${v.key}');\n` },
    ],
  },
  {
    provider: 'Mailjet',
    section: 'mailjet',
    parts: [
      secret('MJ_APIKEY_PUBLIC', 'api_key', () => random(HEX, 32)),
      { ...secret('MJ_APIKEY_PRIVATE', 'secret_key', () => random(HEX, 32)), name: 'secret' },
    ],
    sdk: [
      {
        path: 'src/mailjet.js',
        text: (v) => `const Mailjet = require('node-mailjet');\nconst mailjet = Mailjet.apiConnect('${v.key}', '${v.secret}');\n`,
      },
      {
        path: 'mail/mj.py',
        text: (v) => `from mailjet_rest import Client\n\nmailjet = Client(auth=('${v.key}', '${v.secret}'), version='v3.1')\n`,
      },
      {
        path: 'mail/mailjet.go',
        text: (v) =>
          `package mail\n\nimport "github.com/mailjet/mailjet-apiv3-go/v4"\n\nvar client = mailjet.NewMailjetClient("${v.key}", "${v.secret}")\n`,
      },
    ],
  },
  {
    provider: 'Slack',
    section: 'slack',
    parts: [secret('SLACK_BOT_TOKEN', 'bot_token', () => `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(ALNUM, 24)}`)],
    sdk: [
      { path: 'src/slack.js', text: (v) => `const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('${v.key}');\n` },
      { path: 'bot/slack.py', text: (v) => `from slack_sdk import WebClient\n\nclient = WebClient(token="${v.key}")\n` },
      {
        path: 'src/main/java/Notify.java',
        text: (v) =>
          `class Notify {\n  void run() throws Exception {\n    var methods = Slack.getInstance().methods("${v.key}");\n  }\n}\n`,
      },
    ],
  },
  {
    provider: 'AWS',
    section: 'aws',
    parts: [
      id('id', 'AWS_ACCESS_KEY_ID', 'access_key_id', () => `AKIA${random(BASE32, 16)}`),
      secret('AWS_SECRET_ACCESS_KEY', 'secret_access_key', () => random(`${ALNUM}+/`, 40)),
    ],
    sdk: [
      {
        path: 'src/storage.js',
        text: (v) =>
          `const { S3Client } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: { accessKeyId: '${v.id}', secretAccessKey: '${v.key}' },\n});\n`,
      },
      {
        path: 'jobs/upload.py',
        text: (v) => `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${v.id}", aws_secret_access_key="${v.key}")\n`,
      },
      {
        path: 'storage/s3.go',
        text: (v) => `package storage\n\nvar provider = credentials.NewStaticCredentialsProvider("${v.id}", "${v.key}", "")\n`,
      },
    ],
  },
  {
    provider: 'Anthropic',
    section: 'anthropic',
    parts: [secret('ANTHROPIC_API_KEY', 'api_key', () => `sk-ant-api03-${random(URLSAFE, 93)}AA`)],
    sdk: [
      {
        path: 'src/claude.ts',
        text: (v) => `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic({ apiKey: '${v.key}' });\n`,
      },
      { path: 'agents/claude.py', text: (v) => `import anthropic\n\nclient = anthropic.Anthropic(api_key="${v.key}")\n` },
      {
        path: 'scripts/ask.sh',
        text: (v) => `curl https://api.anthropic.com/v1/messages \\\n  -H "x-api-key: ${v.key}" \\\n  -H "anthropic-version: 2023-06-01"\n`,
      },
    ],
  },
  {
    provider: 'OpenAI',
    section: 'openai',
    parts: [secret('OPENAI_API_KEY', 'api_key', () => `sk-proj-${random(URLSAFE, 120)}`)],
    sdk: [
      { path: 'src/ai.ts', text: (v) => `import OpenAI from 'openai';\n\nconst openai = new OpenAI({ apiKey: '${v.key}' });\n` },
      { path: 'ml/chat.py', text: (v) => `from openai import OpenAI\n\nclient = OpenAI(api_key="${v.key}")\n` },
      { path: 'scripts/models.sh', text: (v) => `curl https://api.openai.com/v1/models -H "Authorization: Bearer ${v.key}"\n` },
    ],
  },
  {
    provider: 'Datadog',
    section: 'datadog',
    parts: [secret('DD_API_KEY', 'api_key', () => random(HEX, 32))],
    sdk: [
      {
        path: 'src/metrics.ts',
        text: (v) =>
          `import { client } from '@datadog/datadog-api-client';\n\nconst configuration = client.createConfiguration({\n  authMethods: { apiKeyAuth: '${v.key}' },\n});\n`,
      },
      {
        path: 'ops/metrics.py',
        text: (v) =>
          `from datadog_api_client import Configuration\n\nconfiguration = Configuration()\nconfiguration.api_key["apiKeyAuth"] = "${v.key}"\n`,
      },
      { path: 'ops/init.py', text: (v) => `from datadog import initialize\n\ninitialize(api_key="${v.key}")\n` },
    ],
  },
  {
    provider: 'Postmark',
    section: 'postmark',
    parts: [secret('POSTMARK_SERVER_TOKEN', 'server_token', uuid)],
    sdk: [
      {
        path: 'src/postmark.js',
        text: (v) => `const postmark = require('postmark');\nconst client = new postmark.ServerClient('${v.key}');\n`,
      },
      {
        path: 'mail/postmark.py',
        text: (v) => `from postmarker.core import PostmarkClient\n\npostmark = PostmarkClient(server_token="${v.key}")\n`,
      },
      { path: 'app/mailers/postmark.rb', text: (v) => `require 'postmark'\n\nclient = Postmark::ApiClient.new('${v.key}')\n` },
    ],
  },
  {
    provider: 'Algolia',
    section: 'algolia',
    parts: [
      id('app', 'ALGOLIA_APP_ID', 'app_id', () => random(UPPER_ALNUM, 10)),
      secret('ALGOLIA_ADMIN_API_KEY', 'admin_api_key', () => random(HEX, 32)),
    ],
    sdk: [
      {
        path: 'src/search.js',
        text: (v) => `const algoliasearch = require('algoliasearch');\nconst client = algoliasearch('${v.app}', '${v.key}');\n`,
      },
      {
        path: 'search/index.py',
        text: (v) => `from algoliasearch.search_client import SearchClient\n\nclient = SearchClient.create("${v.app}", "${v.key}")\n`,
      },
      {
        path: 'src/Search.php',
        text: (v) => `<?php\nuse Algolia\\AlgoliaSearch\\SearchClient;\n$client = SearchClient::create('${v.app}', '${v.key}');\n`,
      },
    ],
  },
  {
    provider: 'Telegram',
    section: 'telegram',
    parts: [secret('TELEGRAM_BOT_TOKEN', 'bot_token', () => `${random(DIGITS, 10)}:AA${random(URLSAFE, 33)}`)],
    sdk: [
      { path: 'bot/main.py', text: (v) => `import telebot\n\nbot = telebot.TeleBot("${v.key}")\n` },
      {
        path: 'src/bot.js',
        text: (v) => `const TelegramBot = require('node-telegram-bot-api');\nconst bot = new TelegramBot('${v.key}', { polling: true });\n`,
      },
      { path: 'bot/main.go', text: (v) => `package main\n\nfunc main() {\n\tbot, _ := tgbotapi.NewBotAPI("${v.key}")\n\t_ = bot\n}\n` },
    ],
  },
  {
    provider: 'npm',
    section: 'npm',
    // npm's format (GitHub's): 30 random base62 characters and their CRC-32 in 6 more.
    parts: [secret('NPM_TOKEN', 'token', () => withChecksum('npm_', random(ALNUM, 30)))],
    sdk: [
      { path: '.npmrc', text: (v) => `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${v.key}\n` },
      {
        path: '.github/workflows/publish.yml',
        text: (v) => `jobs:\n  publish:\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${v.key}\n`,
      },
      { path: 'Dockerfile', text: (v) => `FROM node:20\nRUN echo "//registry.npmjs.org/:_authToken=${v.key}" > ~/.npmrc && npm ci\n` },
    ],
  },
  {
    provider: 'Hugging Face',
    section: 'huggingface',
    parts: [secret('HF_TOKEN', 'token', () => `hf_${random(LETTERS, 34)}`)],
    sdk: [
      { path: 'ml/login.py', text: (v) => `from huggingface_hub import login\n\nlogin(token="${v.key}")\n` },
      {
        path: 'src/inference.js',
        text: (v) => `import { HfInference } from '@huggingface/inference';\nconst hf = new HfInference('${v.key}');\n`,
      },
      {
        path: 'ml/pipe.py',
        text: (v) => `from transformers import pipeline\n\npipe = pipeline("text-generation", model="gpt2", token="${v.key}")\n`,
      },
    ],
  },
  {
    provider: 'Shopify',
    section: 'shopify',
    parts: [secret('SHOPIFY_ACCESS_TOKEN', 'access_token', () => `shpat_${random(HEX, 32)}`)],
    sdk: [
      { path: 'src/shop.js', text: (v) => `const client = new shopify.clients.Rest({ session, accessToken: '${v.key}' });\n` },
      {
        path: 'app/shop.rb',
        text: (v) => `session = ShopifyAPI::Auth::Session.new(shop: "demo.myshopify.com", access_token: "${v.key}")\n`,
      },
      {
        path: 'scripts/products.sh',
        text: (v) => `curl -H "X-Shopify-Access-Token: ${v.key}" https://demo.myshopify.com/admin/api/2024-01/products.json\n`,
      },
    ],
  },
  {
    provider: 'DigitalOcean',
    section: 'digitalocean',
    parts: [secret('DIGITALOCEAN_TOKEN', 'token', () => `dop_v1_${random(HEX, 64)}`)],
    sdk: [
      { path: 'infra/do.py', text: (v) => `from pydo import Client\n\nclient = Client(token="${v.key}")\n` },
      { path: 'infra/do.go', text: (v) => `package infra\n\nvar client = godo.NewFromToken("${v.key}")\n` },
      { path: 'infra/provider.tf', text: (v) => `provider "digitalocean" {\n  token = "${v.key}"\n}\n` },
    ],
  },
  {
    provider: 'Linear',
    section: 'linear',
    parts: [secret('LINEAR_API_KEY', 'api_key', () => `lin_api_${random(ALNUM, 40)}`)],
    sdk: [
      {
        path: 'src/linear.ts',
        text: (v) => `import { LinearClient } from '@linear/sdk';\n\nconst linear = new LinearClient({ apiKey: '${v.key}' });\n`,
      },
      { path: 'tools/linear.py', text: (v) => `headers = {"Authorization": "${v.key}", "Content-Type": "application/json"}\n` },
      { path: 'scripts/issues.sh', text: (v) => `curl -H "Authorization: ${v.key}" https://api.linear.app/graphql\n` },
    ],
  },
  {
    provider: 'Notion',
    section: 'notion',
    parts: [secret('NOTION_TOKEN', 'token', () => `ntn_${random(DIGITS, 11)}${random(ALNUM, 35)}`)],
    sdk: [
      {
        path: 'src/notion.js',
        text: (v) => `const { Client } = require('@notionhq/client');\nconst notion = new Client({ auth: '${v.key}' });\n`,
      },
      { path: 'tools/notion.py', text: (v) => `from notion_client import Client\n\nnotion = Client(auth="${v.key}")\n` },
      { path: 'scripts/pages.sh', text: (v) => `curl https://api.notion.com/v1/search -H "Authorization: Bearer ${v.key}"\n` },
    ],
  },
  {
    provider: 'Databricks',
    section: 'databricks',
    parts: [secret('DATABRICKS_TOKEN', 'token', () => `dapi${random(HEX, 32)}`)],
    sdk: [
      {
        path: 'jobs/run.py',
        text: (v) =>
          `from databricks.sdk import WorkspaceClient\n\nw = WorkspaceClient(host="https://adb-1.azuredatabricks.net", token="${v.key}")\n`,
      },
      { path: '.databrickscfg', text: (v) => `[DEFAULT]\nhost = https://adb-1.azuredatabricks.net\ntoken = ${v.key}\n` },
      {
        path: 'jobs/client.go',
        text: (v) => `package jobs\n\nvar cfg = &databricks.Config{Host: "https://adb-1.azuredatabricks.net", Token: "${v.key}"}\n`,
      },
    ],
  },
  {
    provider: 'New Relic',
    section: 'newrelic',
    parts: [secret('NEW_RELIC_API_KEY', 'api_key', () => `NRAK-${random(UPPER_ALNUM, 27)}`)],
    sdk: [
      { path: 'scripts/nerdgraph.sh', text: (v) => `curl https://api.newrelic.com/graphql -H "API-Key: ${v.key}"\n` },
      { path: 'infra/newrelic.tf', text: (v) => `provider "newrelic" {\n  account_id = 12345\n  api_key    = "${v.key}"\n}\n` },
      { path: 'ops/alerts.py', text: (v) => `headers = {"Api-Key": "${v.key}"}\n` },
    ],
  },
  {
    provider: 'Groq',
    section: 'groq',
    parts: [secret('GROQ_API_KEY', 'api_key', () => `gsk_${random(ALNUM, 52)}`)],
    sdk: [
      { path: 'ml/groq_chat.py', text: (v) => `from groq import Groq\n\nclient = Groq(api_key="${v.key}")\n` },
      { path: 'src/groq.ts', text: (v) => `import Groq from 'groq-sdk';\n\nconst groq = new Groq({ apiKey: '${v.key}' });\n` },
      { path: 'scripts/groq.sh', text: (v) => `curl https://api.groq.com/openai/v1/models -H "Authorization: Bearer ${v.key}"\n` },
    ],
  },
  {
    provider: 'Replicate',
    section: 'replicate',
    parts: [secret('REPLICATE_API_TOKEN', 'api_token', () => `r8_${random(ALNUM, 37)}`)],
    sdk: [
      { path: 'ml/replicate_run.py', text: (v) => `import replicate\n\nclient = replicate.Client(api_token="${v.key}")\n` },
      {
        path: 'src/replicate.js',
        text: (v) => `const Replicate = require('replicate');\nconst replicate = new Replicate({ auth: '${v.key}' });\n`,
      },
      { path: 'scripts/predict.sh', text: (v) => `curl -s -H "Authorization: Bearer ${v.key}" https://api.replicate.com/v1/predictions\n` },
    ],
  },
  {
    provider: 'GitLab',
    section: 'gitlab',
    parts: [secret('GITLAB_TOKEN', 'private_token', () => `glpat-${random(URLSAFE, 20)}`)],
    sdk: [
      { path: 'tools/gl.py', text: (v) => `import gitlab\n\ngl = gitlab.Gitlab("https://gitlab.com", private_token="${v.key}")\n` },
      { path: 'tools/gl.go', text: (v) => `package tools\n\nvar git, _ = gitlab.NewClient("${v.key}")\n` },
      { path: 'scripts/projects.sh', text: (v) => `curl --header "PRIVATE-TOKEN: ${v.key}" "https://gitlab.com/api/v4/projects"\n` },
    ],
  },
  {
    provider: 'Google AI Studio (Gemini)',
    section: 'gemini',
    parts: [secret('GEMINI_API_KEY', 'api_key', () => `AIza${random(URLSAFE, 35)}`)],
    sdk: [
      { path: 'ml/gemini.py', text: (v) => `import google.generativeai as genai\n\ngenai.configure(api_key="${v.key}")\n` },
      {
        path: 'src/gemini.js',
        text: (v) =>
          `const { GoogleGenerativeAI } = require('@google/generative-ai');\nconst genAI = new GoogleGenerativeAI('${v.key}');\n`,
      },
      {
        path: 'scripts/gemini.sh',
        text: (v) => `curl "https://generativelanguage.googleapis.com/v1beta/models?key=${v.key}"\n`,
      },
    ],
  },
  {
    provider: 'Square',
    section: 'square',
    parts: [secret('SQUARE_ACCESS_TOKEN', 'access_token', () => `EAAA${random(URLSAFE, 60)}`)],
    sdk: [
      {
        path: 'src/square.js',
        text: (v) =>
          `const { Client, Environment } = require('square');\nconst client = new Client({ accessToken: '${v.key}', environment: Environment.Production });\n`,
      },
      {
        path: 'pay/square.py',
        text: (v) => `from square.client import Client\n\nclient = Client(access_token="${v.key}", environment="production")\n`,
      },
      {
        path: 'src/main/java/Pay.java',
        text: (v) => `class Pay {\n  SquareClient client = new SquareClient.Builder().accessToken("${v.key}").build();\n}\n`,
      },
    ],
  },
  {
    provider: 'Cloudflare',
    section: 'cloudflare',
    parts: [secret('CLOUDFLARE_API_TOKEN', 'api_token', () => random(URLSAFE, 40))],
    sdk: [
      {
        path: 'src/cf.ts',
        text: (v) => `import Cloudflare from 'cloudflare';\n\nconst cloudflare = new Cloudflare({ apiToken: '${v.key}' });\n`,
      },
      { path: 'infra/cf.py', text: (v) => `from cloudflare import Cloudflare\n\nclient = Cloudflare(api_token="${v.key}")\n` },
      { path: 'infra/cloudflare.tf', text: (v) => `provider "cloudflare" {\n  api_token = "${v.key}"\n}\n` },
    ],
  },
  {
    provider: 'Vonage (Nexmo)',
    section: 'vonage',
    parts: [
      id('apiKey', 'VONAGE_API_KEY', 'api_key', () => random(HEX, 8)),
      secret('VONAGE_API_SECRET', 'api_secret', () => random(ALNUM, 16)),
    ],
    sdk: [
      {
        path: 'src/vonage.js',
        text: (v) =>
          `const { Vonage } = require('@vonage/server-sdk');\nconst vonage = new Vonage({ apiKey: '${v.apiKey}', apiSecret: '${v.key}' });\n`,
      },
      { path: 'sms/vonage_send.py', text: (v) => `import vonage\n\nclient = vonage.Client(key="${v.apiKey}", secret="${v.key}")\n` },
      { path: 'src/Sms.php', text: (v) => `<?php\n$basic = new \\Vonage\\Client\\Credentials\\Basic('${v.apiKey}', '${v.key}');\n` },
    ],
  },
];
