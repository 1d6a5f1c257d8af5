import type { KindName } from './kinds';

/**
 * The kind of service of each provider of the reference table (a detector folder name) that the
 * generator writes a rule for. Judged from the service's name, its API host and what the service
 * does; a provider whose kind is unclear is `saas`, whose text claims nothing specific.
 */
const BY_KIND: Record<KindName, string> = {
  email: `autoklose autopilot bombbomb campayn convertkit customerio dotdigital dyspatch elasticemail getresponse interseller
    klaviyo lemlist mailerlite mailmodo mailsac mixmax moosend nylas omnisend overloop pepipost postageapp reachmail replyio
    salesblink vbout`,
  sms: `apifonica bulksms clicksendsms clockworksms d7network documo eightxeight ringcentral semaphore signalwire textmagic tyntec
    voodoosms`,
  notify: `airship courier magicbell onesignal pubnubpublishkey pushbulletapikey pusherchannelkey`,
  chat: `chatbot chatfule gitter instabot larksuite larksuiteapikey linemessaging linenotify mattermostpersonaltoken mesibo sendbird
    sendbirdorganizationapi smooch teletype twist typetalk webex webexbot zulipchat`,
  comms: `agora dailyco demio enablex livestorm`,
  crm: `apptivo axonaut capsulecrm centralstationcrm cliengo clinchpad closecrm cloze companyhub copper getgist insightly karmacrm
    kylas lessannoyingcrm myfreshworks nethunt nimble onepagecrm pipedrive prospectcrm reallysimplesystems repairshopr revampcrm
    salescookie salesflare salesforce salesforceoauth2 salesforcerefreshtoken salesmate streak sugester teamgate teamworkcrm
    zohocrm`,
  leads: `apollo clearbit debounce getemail getemails hunter kickbox leadfeeder madkudu mailboxlayer peopledatalabs rocketreach
    skrappio uplead verifier verimail zerobounce`,
  support: `beamer besnappy cannyio customerguru delighted feedier front groovehq helpcrunch helpscout liveagent nicereply
    noticeable sherpadesk simplesat teamworkdesk`,
  forms: `clustdoc formbucket formcraft formio formsite fulcrum gocanvas jotform paperform pollsapi qualaroo refiner
    satismeterprojectkey satismeterwritekey signupgenius surveyanyplace surveybot surveysparrow survicate typeform zonkafeedback`,
  project: `aeroworkflow aha apacta avazapersonalaccesstoken boostnote bugherd caflou checkvist clickuppersonaltoken coda dynalist
    eraser fibery flowflu goodday guru hive kanban kanbantool magnetic manifest mavenlink meistertask mindmeister miro monday
    nozbeteams onedesk paymoapp pivotaltracker planviewleankit podio prodpad runrunit shortcut smartsheets stormboard
    supernotesapi tallyfy teamworkspaces tefter todoist upwave workstack wrike zenkitapi`,
  time: `appointedd beebole calendlyapikey clockify deputy dovico everhour float harvest humanity mite mrticktock myintervals planyo
    rentman timecamp tmetric toggltrack vyte worksnaps`,
  accounting: `alegra billomat cashboard clientary freshbooks hiveage invoiceocean lunchmoney netsuite paydirtapp requestfinance
    storecove taxjar youneedabudget zipbooks`,
  esign: `docusign hellosign juro pandadoc signable signaturit yousign`,
  payments: `checkout column currencycloud dwolla gocardless instamojo lemonsqueezy lendflow moonclerk pagarme paymongo privacy
    ramp rechargepayments transferwise wepay`,
  crypto: `bitfinex bitmex cexio fmfw gemini kraken kucoin luno metaapi oanda poloniex robinhoodcrypto tradier`,
  commerce: `api2cart checio commercejs duffeltoken eventbrite fleetbase flexport gumroad impala lob loyverse onfleet route4me shipday
    shippo snipcart swell thinkific tickettailor tokeet vouchery`,
  marketdata: `aletheiaapi bitcoinaverage coinapi coinlayer coinlib commodities cryptocompare currencyfreaks currencylayer
    currencyscoop exchangerateapi exchangeratesapi fastforex finage financialmodelingprep finnhub fixerio fxmarket glassnode iexapis
    iexcloud intrinio marketstack nasdaqdatalink polygon simfin stockdata technicalanalysisapi tiingo twelvedata worldcoinindex`,
  webdata: `abstract accuweather adzuna airvisual allsports amadeus ambee apilayer artsy aviationstack besttime brandfetch
    calendarific calorieninja carboninterface cicero countrylayer currentsapi datagov edamam enigma flightapi flightlabs flightstats
    foursquare geoapify geocode geocodify geocodio geoipifi getgeoapi graphhopper guardianapi hereapi holidayapi host hypertrack
    ip2location ipapi ipgeolocation ipinfo ipinfodb ipquality ipstack locationiq mapbox mapquest maxmindlicense mediastack
    neutrinoapi newsapi newscatcher numverify nutritionix opencagedata openuv openweather owlbot pandascore positionstack rawg
    roaring smartystreets spoonacular sportsmonk stormglass theoddsapi ticketmaster timezoneapi tomorrowio tomtom travelpayouts
    upcdatabase userstack vatlayer veriphone visualcrossing vpnapi walkscore weatherbit weatherstack whoxy worldweather yandex yelp
    zipapi zipcodeapi zipcodebase`,
  scraping: `apiflash apify blitapp browshot captaindata diffbot diggernaut extractorapi fetchrss linkpreview parsehub parsers
    proxycrawl raven restpackscreenshotapi scrapeowl scraperapi scraperbox scrapestack scrapfly scrapingant scrapingbee
    screenshotapi screenshotlayer serphouse serpstack webscraper webscraping zenrows zenscrape zenserp`,
  docgen: `apitemplate cloudconvert cloudmersive conversiontools convertapi craftmypdf docparser exportsdk html2pdf hybiscus parseur
    pdflayer pdfshift restpackhtmltopdfapi selectpdf`,
  ai: `assemblyai audd aylien braintrust clarifai dandelion deepai deepgram detectlanguage edenai elevenlabs faceplusplus
    happyscribe imagga langfuse langsmith languagelayer lexigram meaningcloud moderation monkeylearn ngc nvapi openrouter
    paralleldots photoroom rev sigopt skybiometry speechtextai uclassify unplugg voiceflow voicegain weightsandbiases wit`,
  monitoring: `airbrakeprojectkey airbrakeuserkey apimetrics atera betterstack checklyhq dareboost dnscheck gtmetrix loggly opsgenie
    pganalyzereadkey rootly solarwindsobservability statuscake statuspage statuspal thousandeyes uptimerobot websitepulse`,
  analytics: `amplitudeapikey appcues appfollow baremetrics chartmogul databox easyinsight fullstory geckoboard keenio klipfolio
    metrilo mixpanel posthog segmentapikey userflow`,
  devtools: `apimatic bitbar blazemeter browserstack budibase codacy codeclimate codemagic codequiry coveralls dronahq getsandbox
    harness holistic knapsackpro launchdarkly loadmill mockaroo octopusdeploy optimizely percy postman qase saucelabs scalr
    scrutinizerci sonarcloud sourcegraph sourcegraphcody testingbot trufflehogenterprise versioneye`,
  integration: `anypoint anypointoauth2 apideck cloudelements pipedream postbacks rapidapi`,
  webhook: `tineswebhook zapierwebhook`,
  packages: `cloudsmith packagecloud redhatpyxis vagrantcloudpersonaltoken`,
  cloud: `aiven borgbase buddyns cloudplan deno fileio godaddy m3o meraki ngrok openvpn portainer portainertoken railwayapp
    saladcloudapikey sslmate tailscale vultrapikey zerotier`,
  iot: `adafruitio eagleeyenetworks ecostruxureit ubidots`,
  web3: `alchemy blocknative bscscan dfuse etherscan ethplorer infura moralis nftport pinata purestake tatumio web3storage`,
  data: `appsynergy caspio confluent couchbase hasura metabase prefect qubole sheety stitchdata swiftype tableau`,
  identity: `duo jumpcloud loginradius onelogin rownd stytch tru unifyid`,
  security: `abuseipdb alienvault censys detectify endorlabs jupiterone nightfall securitytrails shodankey snykkey spectralops
    urlscan virustotal wiz`,
  cms: `buttercms clickhelp contentfulpersonalaccesstoken graphcms kontent readme sanity simvoly siteleaf squarespace storyblok
    storyblokpersonalaccesstoken storychief webflow`,
  localization: `alconost crowdin ditto gengo lokalisetoken phraseaccesstoken`,
  media: `abyssale adobeio autodesk bannerbear cloudimage cloudinary duply flatio flickr frameio gyazo iconfinder imagekit mux
    pixabay shotstack shutterstock shutterstockoauth sirv spotifykey unsplash uploadcare viewneo wistia zeplin`,
  social: `ayrshare blogger disqus facebookoauth ritekit strava twitch twitchaccesstoken twitter twitterconsumerkey youtubeapikey`,
  links: `bitlyaccesstoken rebrandly tly`,
  saas: `bulbul cloverly collect2 convier envoyapikey findl intra42 oopspam partnerstack pastebin powrbot
    protocolsio simplynoted stripo`,
};

/** Provider folder → kind. */
export const KIND_OF: ReadonlyMap<string, KindName> = new Map(
  (Object.entries(BY_KIND) as [KindName, string][]).flatMap(([kind, list]) =>
    list
      .split(/\s+/)
      .filter((name) => name)
      .map((name) => [name, kind] as const),
  ),
);

/**
 * Display names where the reference table's type name is not how the provider writes itself.
 * Folders given the same name are one provider (one source file, one rule per folder).
 */
const NAME_LIST = `abstract=Abstract API; accuweather=AccuWeather; adafruitio=Adafruit IO; adobeio=Adobe I/O; aeroworkflow=AeroWorkflow;
  aha=Aha!; airbrakeprojectkey=Airbrake; airbrakeuserkey=Airbrake; aletheiaapi=Aletheia API; allsports=AllSportsAPI;
  amplitudeapikey=Amplitude; anypoint=MuleSoft Anypoint; anypointoauth2=MuleSoft Anypoint; apideck=Apideck; apiflash=ApiFlash;
  apifonica=Apifonica; apilayer=APILayer; apimetrics=APImetrics; apitemplate=APITemplate.io; appfollow=AppFollow;
  apptivo=Apptivo; audd=AudD; autopilot=Autopilot; avazapersonalaccesstoken=Avaza; aviationstack=aviationstack;
  besnappy=Snappy; besttime=BestTime; bitbar=BitBar; bitcoinaverage=BitcoinAverage; bitlyaccesstoken=Bitly; bitmex=BitMEX;
  blazemeter=BlazeMeter; blitapp=Blitapp; blocknative=Blocknative; bombbomb=BombBomb; boostnote=Boost Note; borgbase=BorgBase;
  braintrust=Braintrust; bscscan=BscScan; bugherd=BugHerd; bulksms=BulkSMS; calendlyapikey=Calendly; calorieninja=CalorieNinjas;
  cannyio=Canny; capsulecrm=Capsule CRM; captaindata=Captain Data; carboninterface=Carbon Interface; cexio=CEX.IO;
  chartmogul=ChartMogul; chatbot=ChatBot; chatfule=Chatfuel; checio=Commerce.js (Chec); commercejs=Commerce.js (Chec);
  checklyhq=Checkly; checkout=Checkout.com; clicksendsms=ClickSend; clickuppersonaltoken=ClickUp; clinchpad=ClinchPad;
  clockworksms=Clockwork SMS; closecrm=Close; cloudconvert=CloudConvert; cloudelements=Cloud Elements; cloudimage=Cloudimage;
  clustdoc=Clustdoc; codeclimate=Code Climate; coinapi=CoinAPI; coinlib=Coinlib; collect2=Collect2; column=Column (bank);
  commodities=Commodities-API; companyhub=CompanyHub; contentfulpersonalaccesstoken=Contentful; conversiontools=Conversion Tools;
  convertapi=ConvertAPI; convertkit=ConvertKit (Kit); copper=Copper CRM; countrylayer=countrylayer; courier=Courier (notifications);
  craftmypdf=CraftMyPDF; currencycloud=Currencycloud; currencyfreaks=CurrencyFreaks; currencylayer=currencylayer;
  currentsapi=Currents API; customerguru=Customer Guru; customerio=Customer.io; d7network=D7 Networks; dailyco=Daily.co;
  datagov=Data.gov (USDA ERS); debounce=DeBounce; deepai=DeepAI; deno=Deno Deploy; detectlanguage=Detect Language;
  dnscheck=DNS Check; docusign=DocuSign; dotdigital=dotdigital; dovico=Dovico; dronahq=DronaHQ; duffeltoken=Duffel;
  duo=Duo Security; eagleeyenetworks=Eagle Eye Networks; easyinsight=Easy Insight; ecostruxureit=EcoStruxure IT;
  edenai=Eden AI; eightxeight=8x8; elasticemail=Elastic Email; enablex=EnableX; endorlabs=Endor Labs; envoyapikey=Envoy;
  exchangerateapi=ExchangeRate-API; exchangeratesapi=exchangeratesapi.io; exportsdk=ExportSDK; extractorapi=ExtractorAPI;
  facebookoauth=Facebook (Meta); faceplusplus=Face++; fastforex=fastFOREX; fetchrss=FetchRSS; fileio=file.io;
  financialmodelingprep=Financial Modeling Prep; fixerio=Fixer; flatio=Flat.io; flightapi=FlightAPI; flightstats=FlightStats;
  flowflu=Flowlu; fmfw=FMFW.io; formbucket=FormBucket; formcraft=FormCrafts; formio=Form.io; foursquare=Foursquare;
  frameio=Frame.io; freshbooks=FreshBooks; front=Front; fullstory=FullStory; fxmarket=FXMarketAPI; gemini=Gemini Exchange;
  geocode=Geocode.xyz; geoipifi=IPify Geolocation; getemail=GetEmail.io; getemails=GetEmails; getgeoapi=GetGeoAPI;
  getgist=Gist; getresponse=GetResponse; getsandbox=Sandbox (getsandbox.com); godaddy=GoDaddy; goodday=GoodDay;
  graphcms=Hygraph (GraphCMS); graphhopper=GraphHopper; groovehq=Groove; gtmetrix=GTmetrix; guardianapi=The Guardian Open Platform;
  guru=Guru; happyscribe=Happy Scribe; harness=Harness; hellosign=Dropbox Sign (HelloSign); helpscout=Help Scout;
  hereapi=HERE; hive=Hive; holidayapi=Holiday API; holistic=holistic.dev; host=host.io; html2pdf=html2pdf.app; hypertrack=HyperTrack;
  iconfinder=Iconfinder; iexapis=IEX Cloud; iexcloud=IEX Cloud; imagekit=ImageKit; intra42=42 Intra; invoiceocean=InvoiceOcean;
  ip2location=IP2Location; ipapi=ipapi; ipgeolocation=IPGeolocation; ipinfo=IPinfo; ipinfodb=IPInfoDB; ipquality=IPQualityScore;
  ipstack=ipstack; jotform=Jotform; jumpcloud=JumpCloud; kanban=Kanban Tool; kanbantool=Kanban Tool; karmacrm=karmaCRM;
  keenio=Keen; knapsackpro=Knapsack Pro; kontent=Kontent.ai; kucoin=KuCoin; langsmith=LangSmith; languagelayer=languagelayer;
  larksuite=Lark; larksuiteapikey=Lark; launchdarkly=LaunchDarkly; lemonsqueezy=Lemon Squeezy; lessannoyingcrm=Less Annoying CRM;
  linemessaging=LINE; linenotify=LINE; linkpreview=LinkPreview; liveagent=LiveAgent; locationiq=LocationIQ;
  loginradius=LoginRadius; lokalisetoken=Lokalise; lunchmoney=Lunch Money; m3o=M3O; madkudu=MadKudu; magicbell=MagicBell;
  magnetic=Magnetic; mailboxlayer=mailboxlayer; mailerlite=MailerLite; mapbox=Mapbox; mapquest=MapQuest;
  mattermostpersonaltoken=Mattermost; maxmindlicense=MaxMind; meaningcloud=MeaningCloud; mediastack=mediastack;
  meistertask=MeisterTask; meraki=Cisco Meraki; metaapi=MetaApi; mindmeister=MindMeister; mite=mite; monday=monday.com;
  monkeylearn=MonkeyLearn; moonclerk=MoonClerk; mrticktock=MrTicktock; myfreshworks=Freshworks; myintervals=Intervals;
  nasdaqdatalink=Nasdaq Data Link; nethunt=NetHunt CRM; netsuite=Oracle NetSuite; neutrinoapi=Neutrino API; newsapi=NewsAPI;
  newscatcher=NewsCatcher; nftport=NFTPort; ngc=NVIDIA NGC; nvapi=NVIDIA NGC; ngrok=ngrok; nicereply=Nicereply;
  nozbeteams=Nozbe; octopusdeploy=Octopus Deploy; onedesk=OneDesk; onepagecrm=OnePageCRM; onesignal=OneSignal;
  opencagedata=OpenCage; openuv=OpenUV; openvpn=OpenVPN Cloud; opsgenie=Opsgenie; overloop=Overloop; owlbot=Owlbot;
  packagecloud=packagecloud; pagarme=Pagar.me; pandadoc=PandaDoc; paperform=Paperform; parsehub=ParseHub; parsers=Parsers.dev;
  partnerstack=PartnerStack; paydirtapp=Paydirt; paymoapp=Paymo; paymongo=PayMongo; pdflayer=pdflayer; pdfshift=PDFShift;
  peopledatalabs=People Data Labs; pganalyzereadkey=pganalyze; photoroom=Photoroom; phraseaccesstoken=Phrase;
  pivotaltracker=Pivotal Tracker; planviewleankit=Planview LeanKit; pollsapi=PollsAPI; polygon=Polygon.io (Massive);
  portainer=Portainer; portainertoken=Portainer; positionstack=positionstack; postageapp=PostageApp; posthog=PostHog;
  prefect=Prefect Cloud; privacy=Privacy.com; prodpad=ProdPad; prospectcrm=Prospect CRM; protocolsio=protocols.io;
  proxycrawl=ProxyCrawl (Crawlbase); pubnubpublishkey=PubNub; pubnubsubscriptionkey=PubNub; purestake=PureStake;
  pushbulletapikey=Pushbullet; pusherchannelkey=Pusher; railwayapp=Railway; rapidapi=RapidAPI; rawg=RAWG; raven=Raven Tools;
  reachmail=ReachMail; readme=ReadMe; reallysimplesystems=Really Simple Systems; rechargepayments=Recharge; redhatpyxis=Red Hat Pyxis;
  repairshopr=RepairShopr; replyio=Reply.io; requestfinance=Request Finance; restpackhtmltopdfapi=Restpack;
  restpackscreenshotapi=Restpack; revampcrm=Revamp CRM; robinhoodcrypto=Robinhood Crypto; route4me=Route4Me;
  runrunit=Runrun.it; saladcloudapikey=SaladCloud; salesblink=SalesBlink; salescookie=Sales Cookie;
  salesforceoauth2=Salesforce; salesforcerefreshtoken=Salesforce; satismeterprojectkey=SatisMeter; satismeterwritekey=SatisMeter;
  saucelabs=Sauce Labs; scrapeowl=ScrapeOwl; scrapestack=scrapestack; scrapingant=ScrapingAnt; screenshotapi=ScreenshotAPI.net;
  screenshotlayer=screenshotlayer; scrutinizerci=Scrutinizer CI; segmentapikey=Segment; selectpdf=SelectPdf;
  semaphore=Semaphore (SMS); sendbirdorganizationapi=Sendbird; serphouse=SERPHouse; serpstack=serpstack; sherpadesk=SherpaDesk;
  shodankey=Shodan; shutterstockoauth=Shutterstock; signalwire=SignalWire; signupgenius=SignUpGenius; sigopt=SigOpt;
  simplesat=Simplesat; simplynoted=Simply Noted; skrappio=Skrapp.io; skybiometry=SkyBiometry; smartsheets=Smartsheet;
  smooch=Smooch (Sunshine Conversations); snykkey=Snyk; sonarcloud=SonarQube Cloud (SonarCloud); solarwindsobservability=SolarWinds Observability;
  sourcegraphcody=Sourcegraph; spectralops=Spectral (SpectralOps); speechtextai=SpeechText.AI; sportsmonk=Sportmonks;
  spotifykey=Spotify; sslmate=SSLMate; statuscake=StatusCake; statuspage=Atlassian Statuspage; statuspal=Statuspal;
  stitchdata=Stitch; stockdata=StockData.org; stormglass=Stormglass; storyblokpersonalaccesstoken=Storyblok; storychief=StoryChief;
  supernotesapi=Supernotes; surveyanyplace=Survey Anyplace; surveybot=SurveyBot; surveysparrow=SurveySparrow;
  tatumio=Tatum; taxjar=TaxJar; teamworkcrm=Teamwork CRM; teamworkdesk=Teamwork Desk; teamworkspaces=Teamwork Spaces;
  technicalanalysisapi=Technical Analysis API; testingbot=TestingBot; textmagic=TextMagic; theoddsapi=The Odds API;
  thousandeyes=ThousandEyes; ticketmaster=Ticketmaster; tickettailor=Ticket Tailor; timecamp=TimeCamp; timezoneapi=TimezoneAPI;
  tineswebhook=Tines; tly=T.LY; tmetric=TMetric; toggltrack=Toggl Track; tomorrowio=Tomorrow.io; tomtom=TomTom;
  transferwise=Wise (TransferWise); travelpayouts=Travelpayouts; tru=tru.ID; trufflehogenterprise=TruffleHog Enterprise;
  twelvedata=Twelve Data; twitchaccesstoken=Twitch; twitter=Twitter (X); twitterconsumerkey=Twitter (X); uclassify=uClassify;
  unifyid=UnifyID; upcdatabase=UPC Database; uploadcare=Uploadcare; uptimerobot=UptimeRobot; urlscan=urlscan.io;
  userflow=Userflow; userstack=userstack; vagrantcloudpersonaltoken=Vagrant Cloud (HCP); vatlayer=vatlayer; veriphone=Veriphone;
  versioneye=VersionEye; virustotal=VirusTotal; visualcrossing=Visual Crossing; voodoosms=VoodooSMS; vpnapi=vpnapi.io;
  vultrapikey=Vultr; walkscore=Walk Score; weatherbit=Weatherbit; weatherstack=weatherstack; web3storage=web3.storage;
  webexbot=Webex; webscraper=Web Scraper; webscraping=WebScrapingAPI; websitepulse=WebSitePulse;
  weightsandbiases=Weights & Biases; wepay=WePay; worldcoinindex=WorldCoinIndex; worldweather=World Weather Online;
  youneedabudget=YNAB (You Need A Budget); yousign=Yousign; youtubeapikey=YouTube Data API; zapierwebhook=Zapier;
  zenkitapi=Zenkit; zenrows=ZenRows; zerobounce=ZeroBounce; zerotier=ZeroTier; zipapi=ZipAPI; zipcodeapi=ZipCodeAPI;
  zipcodebase=Zipcodebase; zohocrm=Zoho CRM; zonkafeedback=Zonka Feedback; zulipchat=Zulip`;

/** Folder → display name, for the folders whose reference type name would read badly. */
export const NAME_OF: ReadonlyMap<string, string> = new Map(
  NAME_LIST.split(';').map((entry) => {
    const [folder = '', name = ''] = entry.split('=');
    return [folder.trim(), name.trim()] as const;
  }),
);
