"""Every labelled paste set in tests/fixtures (a folder with a ``labels.tsv``) and every set of other
providers' errors (a ``*not-google*`` folder), scored the way ``benchmarks/score_pastes.py`` scores them:
the primary diagnosis has the labelled kind (or another defensible one), its retry class and, where the
label names one, its model; no error of another provider is claimed. The few pastes the tool still
gets wrong are listed below with the reason, as strict expected failures: fixing one fails its test
until it leaves the list."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain
from gemquota.core.diagnosis import RETRY_OF, Kind

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LABELLED = sorted(p.parent for p in FIXTURES.glob("*/labels.tsv"))
OTHERS = sorted(p for p in FIXTURES.glob("*not-google*") if p.is_dir())

#: Pastes whose kind or retry class the tool still gets wrong, and why.
KIND_MISSES = {
    "holdout182/003-factcheck-notes-429-free-tier-requests-limit-50.txt": (
        "an app's own rendering of the quota ('* Limit: 50 requests' on a line of its own after the metric line, no quota id): no window is read, a bare 429"
    ),
    "holdout171/009-gpt-load-check-model-status-404-zh.txt": (
        "'[status 404]' told in Chinese prose about 'Gemini 2.5-pro', no error text or host"
    ),
    "holdout171/002-dmxapi-cherry-studio-contents-required-zh.txt": (
        "a relay's own check ('contents is required'; Google's words are 'contents is not specified') under the relay's status 500: read as a 500"
    ),
    "holdout165/013-vulnexplain-quota-fix-prose-gemini-2.5-pro-0-rpm-free-tier.txt": (
        "'0 RPM on the free tier' told in a note's prose beside a 429: the zero limit is the author's words, not a quota body"
    ),
    "holdout165/006-es-audit-prose-gemini-3.1-flash-inexistente-404-sistematico.txt": (
        "a 404 of a model that does not exist told in Spanish prose ('inexistente … 404 sistemático'), no error text"
    ),
    "holdout168/015-antigravity-subagent-machine-translated-single-quota-reached-html.txt": (
        "a machine-translated Antigravity notice ('Single quota reached … Reset at 3 hours and 48 minutes'): not the plan quota's own words"
    ),
    "holdout168/013-freemium-probe-results-json-429-prepayment-credits-depl-truncated.txt": (
        "a 429 whose prepaid-credits sentence is cut mid-word ('credits are depl'): the billing words are not read, a bare 429"
    ),
    "holdout164/016-thenerdmn-log-analysis-pt-429-free-tier-15-rpm-and-quota-limit-value-0.txt": (
        "a Portuguese log analysis whose limit lines are the author's paraphrase ('Limite: 15 (requests/minute)', a heading 'COM LIMITE 0'), the protobuf metadata cut at 'metadata {': no limit in Google's words; a bare 429"
    ),
    "holdout158/005-llm-wiki-autofeed-gemini-pro-resource-exhausted.txt": (
        "an ops note's bare 'Gemini Pro lanes: `RESOURCE_EXHAUSTED`' beside Claude and Codex lanes: a status word alone, and a Gemini model name (which gateways serve) on its line, do not outweigh the other providers named"
    ),
    "holdout156/011-cline-vertex-model-not-available-region-global.txt": (
        "a commit's prose quoting Vertex's 'model not available in region: global' beside a Publisher Model not-found body it only names: no error text or code"
    ),
    "holdout153/007-tabpfn-client-vertex-403-endpoints-get.txt": (
        "a 403 told only in the user's prose ('403 PermissionDenied issue related to a Google Vertex AI endpoint'), the traceback cut before Google's message: no error text"
    ),
    "holdout143/001-gemini-cli-daily-digest-gaxios-429-resource-exhausted-try-again-later.txt": (
        "two errors: Vertex's shared-capacity 429 in a gaxios dump, then Code Assist's 'You have exhausted your capacity on this model … reset after 0s' (rpm per SPEC §2); of two backoff kinds the last is primary (SPEC §1.1), the label takes the first"
    ),
    "holdout134/015-ja-qiita-firebase-cli-401-cloudresourcemanager.txt": (
        "a Firebase CLI debug log's 401 ACCESS_TOKEN_TYPE_UNSUPPORTED from Cloud Resource Manager: a Google API's error, read as auth-method; the label reads it as no Gemini error"
    ),
    "shapes47/013-ai-dispatch-commit-agy-per-family-quota-resets-in.txt": (
        "a commit message telling in prose how a dispatcher now parses agy's per-family exhaustion ('Resets in 59m21s'): no error text, unrecognized"
    ),
    "peers33/006-iris-rust-wiremock-429-free-tier-quota-zero.txt": (
        'a Rust test that builds the body with helper calls (quota_failure("…PerDay…-FreeTier", "0")): the limit 0 is a bare argument, not read as the quota\'s value; read as rpd'
    ),
    "holdout126/008-firebase-vertexai-flutter-embedcontent-404-html-formatexception.txt": (
        "a Flutter issue's HTML 404 page ('<h1>Not Found</h1> <h2>Error 404</h2>', decoded from bytes) beside embedding model ids that are no Google signal: nobody's 404"
    ),
    "holdout123/010-langwatch-commit-403-service-disabled-cloud-key.txt": (
        "a commit's prose: a 403 with reason SERVICE_DISABLED that the app collapsed into 'Invalid API key'; the quoted key message is read"
    ),
    "holdout121/019-agent-engine-reasoning-engine-default-method-query-not-found.txt": (
        "Agent Engine's 'Default method `query` not found. Available methods: […]' with no code or status: generic words beside a Vertex resource path"
    ),
    "peers31/006-py-quill-router-test-router-503-workspace-billing-paused.txt": (
        'a router\'s own 503 (\'Workspace billing is paused\', "source": "router") that names no provider: SPEC §1.1 reads a bare 503 as overloaded'
    ),
    "holdout120/015-gcloud-billing-link-quota-not-gemini.txt": (
        "gcloud's Cloud Billing FAILED_PRECONDITION ('Cloud billing quota exceeded' for projects linked to an account): a Google error read as a bad request, the label reads it as no Gemini error"
    ),
    "holdout119/022-zh-gemini-balance-no-valid-key-after-retries-500.txt": (
        "a relay's own log ('No valid API key available after 3 retries', then '500: Internal server error during chat_completion') beside a Gemini model id: read as Google's 500"
    ),
    "holdout114/018-code-assist-troubleshoot-docs-vi-gemini-for-google-cloud-api-disabled.txt": (
        "an API not enabled told in a Vietnamese doc's prose, no error text"
    ),
    "holdout114/012-volcengine-zh-nextjs-gemini-2-5-pro-free-tier-429-all-quotas.txt": (
        "all free-tier quotas exceeded told in Chinese prose, no quota id or limit: a bare 429"
    ),
    "holdout114/010-gitcode-zh-gptel-gemini-http2-400-429-resource-exhausted.txt": (
        "a Chinese write-up listing a 400 and a 429 in prose ('HTTP/2 400错误:通常表示…'): the 400 (fix) is read before the 429"
    ),
    "holdout102/009-9router-commit-msg-503-no-capacity-available-combo-retry.txt": (
        "a relay's commit quoting a 503 \"No capacity available\" with no Google product named: generic words, nobody's"
    ),
    "holdout102/019-jinn-gemini-commit-msg-terminalquotaerror-paid-tier-2-requests-rpm.txt": (
        'a commit\'s prose naming TerminalQuotaError beside a bare paid-tier metric: read as a bare 429 (retry right), the label reads "RPM limits" from the prose'
    ),
    "holdout90/003-py-llm-lib-comment-clienterror-only-generated-files-can-be-downloaded.txt": (
        "a code comment quoting the Files API's 'Only GENERATED files can be downloaded' with no code, status or Google host"
    ),
    "holdout88/007-bfcl-result-jsonl-gemini-1-0-pro-java-internal-error-occurred.txt": (
        "a leaderboard's result lines holding only 'Internal error occurred.' (other software says it too; no Google signal beside it)"
    ),
    "holdout88/010-bfcl-result-jsonl-rest-flash-preview-internal-error-occurred.txt": (
        "a leaderboard's result lines holding only 'Internal error occurred.' (other software says it too; no Google signal beside it)"
    ),
    "holdout84/012-twitch-bot-commit-prose-429-quota-exhaustion-with-google-search.txt": (
        "'429/quota exhaustion errors' in a commit's prose that names only Google Search as a tool, no Gemini product"
    ),
    "holdout86/023-cliproxyapi-plus-commit-google-retryinfo-retrydelay-429-retries.txt": (
        "a relay's commit about handling Google's RetryInfo on 429s (code prose, no error text or Gemini named)"
    ),
    "holdout86/025-geminicli2api-commit-remove-429-from-retryable-for-quota-errors.txt": (
        "a commit removing 429 from a retry list (a code diff, no error text)"
    ),
    "holdout86/026-zh-done-hub-gemini-cli-429-quota-reset-delay-details-metadata.txt": (
        "a relay's Go code reading quotaResetDelay from a 429 (code, no error text)"
    ),
    "holdout86/028-cliproxyapi-plus-amp-guide-troubleshooting-429-quota-exceeded-prose.txt": (
        "a troubleshooting table row '429/Quota exceeded' that names no Google product"
    ),
    "holdout86/029-gemini-proxy-panel-key-service-handle-429-you-exceeded-your-current-quota.txt": (
        "a relay's constant holding 'You exceeded your current quota, please check your plan and billing details.' (OpenAI's sentence too) with no Google product named"
    ),
    "holdout85/020-zh-sub2api-antigravity-oauth-account-test-shows-403-prose.txt": (
        "'测试显示403' (the test shows 403) in a Chinese title about a relay's account test, the body only in a screenshot"
    ),
    "holdout85/021-zh-public-opinion-engine-log-diagnosis-user-location-plus-bocha-401.txt": (
        "a diagnosis report of several engines: another service's 401 (Bocha's API, not a known provider) is read before Gemini's region refusal told without a code"
    ),
    "holdout83/021-outbound-personalizer-commit-429-resource-exhausted-free-tier-5-rpm-gemini-2-5-flash.txt": (
        "'429 RESOURCE_EXHAUSTED' in a commit's prose whose next paragraph compares Anthropic's limits: the status name alone does not outweigh the provider named"
    ),
    "holdout83/022-voice-agent-commit-vapifault-google-400-bad-request-validation-failed.txt": (
        "Vapi's own error code ('vapifault-google-400-bad-request-validation-failed') in a commit's prose"
    ),
    "holdout83/029-vertex-studio-commit-global-location-preview-3-1-models-avoid-404-prose.txt": (
        "'to avoid 404' in a commit's title, no error text"
    ),
    "holdout83/030-language-app-commit-gemini-api-key-suspension-literal-newlines-prose.txt": (
        "a key suspension told in a commit's prose, no error text"
    ),
    "holdout78/025-gemini-cli-pro-model-prompt-quota-used-up-not-reset-next-day-prose.txt": (
        "a used-up prompt quota told in prose that names no Google product (only 'CLI Version'), no error text"
    ),
    "holdout79/027-adk-go-prose-deploy-agentengine-deadlineexceeded.txt": (
        "gRPC's 'DeadlineExceeded' named in prose about a deploy, with no Google host, status or model"
    ),
    "holdout80/022-spun-blog-cline-429-too-many-requests-gemini-2-5-flash-preview-04-17.txt": (
        'a spun blog\'s {"error": "429 Too Many Requests", "message": …} (not Google\'s envelope) is read as another API\'s'
    ),
    "holdout81/011-swift-sdk-issue-network-lost-1005-and-404-gemini-1-5-latest.txt": (
        "a network error (NSURLErrorDomain -1005) pasted; the 404 is only in a list of codes in prose"
    ),
    "holdout81/019-zh-rust-desktop-app-custom-gemini-model-test-404-prose.txt": (
        "'提示 404' (it shows a 404) in a Chinese title: '提示' is too common a word to read a code after"
    ),
    "holdout81/021-java-spring-ai-vertex-gemini-comment-socket-read-timed-out.txt": (
        "a JDK 'SocketTimeoutException: Read timed out' with nothing of Google's in the comment"
    ),
    "holdout71/010-gemini-cli-prose-pro-user-hitting-free-tier-input-token-limit-125k-per-min.txt": (
        "a free-tier token metric named in a feature request's prose: read as a bare quota 429 (the label reads its window from '125k tokens/minute')"
    ),
    "holdout72/018-pt-social-app-prose-api-key-reportada-como-vazada-bloqueada.txt": (
        "a leaked key told in Portuguese prose, no error text"
    ),
    "holdout72/019-gmail-organizer-vertex-model-not-found-or-no-access-prose.txt": (
        "an elided 'Model ... not found or your project does not have access to it' in notes that name no Google host"
    ),
    "holdout72/032-fitness-app-commit-optimize-gemini-timeout-better-503-handling.txt": (
        "'Better 503 handling' in a commit's list, no error text"
    ),
    "holdout74/007-rhesis-pr-release-changelog-generation-gemini-2-0-flash-001-not-available.txt": (
        "'the model we were using is not available anymore' told in a PR's prose, no error text"
    ),
    "holdout67/015-zh-cherry-studio-issue-gemini-400-or-no-api-key-googlegenerativeai-cut.txt": (
        "'either 400 or no API key' told in Chinese and a client line cut before its status; the label reads the maintainer's guess (region)"
    ),
    "holdout67/028-zh-antigravity-manager-issue-429-502-503-quota-refresh-over-1-day-prose.txt": (
        "a quota refresh of over a day told in Chinese prose beside several codes, no error text"
    ),
    "holdout69/013-docs-repo-reply-prose-nodejs-vertex-gemini-1-5-pro-latest-publisher-model-not-found.txt": (
        "a reply's prose ('throws Publisher Model not found for me') in a thread about a 500; the label reads the thread"
    ),
    "holdout69/032-node-samples-feature-request-prose-vertex-500-internal-private-gcs-image.txt": (
        "a 500 told in a feature request's prose, no error text"
    ),
    "holdout70/013-ha-core-hungary-integration-fails-after-api-key-region-prose.txt": (
        "a region refusal told in prose, no error text"
    ),
    "holdout70/014-discord-ai-bot-free-tier-only-15-messages-rpm-rpd-prose.txt": (
        "free-tier limits told in prose, no error text"
    ),
    "holdout70/016-clay-community-gemini-paid-tier-model-provider-rate-limits-are-low.txt": (
        "a platform's own toast ('model provider rate limits are low'), no Google error text"
    ),
    "holdout70/020-summarize-translate-extension-free-tier-250-to-20-calls-per-day-prose.txt": (
        "a free-tier cut from 250 to 20 calls a day told in prose, no error text"
    ),
    "holdout70/024-flowise-gemini-2-5-stopped-hetzner-ip-tagged-iranian-region-prose.txt": (
        "a server's IP tagged as another country told in prose, no error text"
    ),
    "holdout70/031-perplexica-googlegenerativeai-429-2-5-pro-exp-free-tier-violations-cut.txt": (
        "a paid-tier quota id with no value beside free-tier ids on a free key is read as a zero limit (as in peers21/019)"
    ),
    "peers22/022-cli-code-gemini-model-test-resourceexhausted-quota-exceeded-on-fallback.txt": (
        "a test's mock raising api_core's ResourceExhausted('Quota exceeded') with no Google host, model or module named: gRPC's status name alone is no Google signal"
    ),
    "holdout63/015-coding-agent-pr-code-assist-generic-resource-exhausted-not-account-quota.txt": (
        "a PR's prose naming QUOTA_EXHAUSTED (what the code used to return) and MODEL_CAPACITY_EXHAUSTED beside the bare body: the first Code Assist reason decides"
    ),
    "holdout63/033-live-api-demo-model-no-longer-in-use-by-google-prose.txt": (
        "'the Gemini model is no longer in use by Google' told in prose, no error text"
    ),
    "holdout64/002-cline-prose-429-too-many-requests-gemini-2-5-pro-exp-03-25.txt": (
        "'getting 429 error' in prose whose reply recommends Claude: another provider named beside a bare status"
    ),
    "holdout64/032-kilocode-gemini-cli-rate-limit-exceeded-free-tier-limits-reached.txt": (
        "a coding tool's own 'Rate limit exceeded. Free tier limits have been reached.' that names no Google product"
    ),
    "holdout65/019-antigravity-cli-prose-quota-reset-in-160-hours-after-migration.txt": (
        "'the quota would reset in 160 hours' told in prose, no error text"
    ),
    "holdout65/030-ko-gemini-cli-prose-stat-shows-usage-left-but-limit-reached.txt": (
        "a usage limit told in Korean prose ('사용량이 Limit이 걸려있다'), no error text"
    ),
    "shapes39/014-pt-viral-cutter-prose-gemini-2-5-flash-lite-descontinuado.txt": (
        "a discontinued model and a blocked account told in Portuguese prose, no error text"
    ),
    "peers21/010-poenl-gemini-api-retry-handler-503-model-is-overloaded.txt": (
        "a retry handler's matcher ('503: …', includes('The model is overloaded')): code, generic words"
    ),
    "peers21/019-subtitle-tool-ai-quotafailure-comment-per-minute-and-per-day-free-tier.txt": (
        "two free-tier quota ids with no value in a code comment are read as a zero limit (as in holdout22, peers12)"
    ),
    "peers21/020-eduatalk-ai-sdk-overload-detector-503-high-demand.txt": (
        "an overload detector's code ('statusCode === 503', includes('high demand')): code, generic words"
    ),
    "holdout60/019-devrel-demo-cloudaicompanion-api-enable-fixes-403-prose.txt": (
        "a commit's prose 'resolves frontend pod 403 error' after enabling an API, no error text"
    ),
    "holdout59/027-codev-r3-comparison-gemini-review-failed-model-capacity-exhausted-429.txt": (
        "'`MODEL_CAPACITY_EXHAUSTED` (429) errors' in a report's prose on a line that also names Codex and Claude"
    ),
    "holdout57/014-zh-gemini-proxy-antigravity-3pro-context-over-200k-404-prose.txt": (
        "'请求就会404' (the request gets a 404) in a Chinese title about a proxy, no Google product named"
    ),
    "holdout57/015-zh-obsidian-plugin-text-embedding-004-gemini-rate-limit-exceeded.txt": (
        "a plugin's own 'Gemini API rate limit exceeded. Please try again later.' (apps' own limiters say it)"
    ),
    "holdout58/013-zh-key-balancer-title-and-reply-403-means-key-dead-prose.txt": (
        "'403的错误码' asked in a title and answered in a reply, nothing else of an error or of Google"
    ),
    "holdout56/011-firebase-ios-app-check-token-invalid-vertex-ai-storage-functions-declined-prose.txt": (
        "requests 'declined due to an invalid Firebase App Check token' told in prose, no code or Google wording"
    ),
    "peers19/002-antigravity-manager-503-doc-google-backend-no-capacity-available.txt": (
        "a test guide's Chinese prose: the backend 'returns `No capacity available` (503)', no error text"
    ),
    "holdout55/023-ag2-pr-ci-retry-xfail-gemini-resourceexhausted-prose.txt": (
        "'a ReseourceExhausted exception in CI due to quota' (misspelt) in a PR's prose, no code"
    ),
    "holdout53/009-de-gemini-cli-prose-geblockter-account-reactivation.txt": (
        "a blocked account told in German prose ('fälschlicherweise gesperrt'), no error text"
    ),
    "holdout53/011-es-vscode-prose-error-api-key-de-gemini-siempre-salta.txt": (
        "a key error told in Spanish prose, the error only in a screenshot"
    ),
    "holdout49/016-openclaw-aq-key-bearer-openai-compat-endpoint-401-incorrect-api-key.txt": (
        "an auth key sent as Bearer to the OpenAI-compatible endpoint: the client's OpenAI-worded 401 and a cut "
        "400 'Invalid…' of Google's; the 400 is read first (the label wants the key's method)"
    ),
    "holdout50/015-app-error-catalog-gemini-auth-failed-http-401-key-rejected.txt": (
        "an app's own error catalogue ('GEMINI_AUTH_FAILED', 'HTTP status401' glued), no Google error text"
    ),
    "holdout50/036-forum-free-tier-quota-blocked-after-key-exposed-on-github-prose.txt": (
        "a key exposed on GitHub and a blocked quota told in a forum post's prose, no error text"
    ),
    "holdout50/038-zh-guide-gemini-3-pro-image-503-model-overloaded-prose.txt": (
        "a Chinese guide's prose naming a 503 and, in contrast, a 429: the first code-like phrase read is the 429"
    ),
    "shapes37/009-antigravity-manager-cannot-see-claude-quota-403-on-accounts-prose.txt": (
        "'getting 403 error to almost all accounts' told in prose beside Claude's name, no error text"
    ),
    "holdout47/017-vi-doc-quota-limit-0-json-fragment-vietnam-prose.txt": (
        "a bare '\"limit\": 0' fragment in Vietnamese notes (a JSON key 'limit' of 0 is too common to read as a quota alone)"
    ),
    "holdout45/004-zh-chatbox-prose-gemini-openai-compatible-returns-404.txt": (
        "a 404 of the OpenAI-compatible endpoint told in Chinese prose, no error text"
    ),
    "holdout45/010-zh-openai-gemini-worker-prose-400-invalid-argument-translator.txt": (
        "a '400 invalid argument' told in Chinese prose, no error text"
    ),
    "holdout45/020-google-forum-openai-compat-nodejs-system-only-message-no-body-prose.txt": (
        "a failure with no body told in a forum post's prose"
    ),
    "holdout45/027-zh-deep-research-gemini-balance-overload-errors-prose.txt": (
        "overloads told in Chinese prose, no error text"
    ),
    "holdout43/016-zh-page-translate-extension-rps-0-1-google-quota-error-prose.txt": (
        "'超出quota的报错' told in Chinese prose, no error text"
    ),
    "holdout43/017-zh-reading-extension-gemini-pro-timeout-with-proxy-prose.txt": (
        "a time-out told in Chinese prose ('一段时间后超时'), no error text"
    ),
    "holdout43/018-obsidian-chatbot-prose-gemini-400-openai-429.txt": (
        "'a 400 error on Gemini and error 429 on OpenAI' in prose: OpenAI named beside the codes wins"
    ),
    "holdout43/026-srt-translator-all-api-quotas-exceeded-waiting-gemini-2-5-pro-prose.txt": (
        "an app's own 'all api quotas exceeded' quoted in prose, no code"
    ),
    "holdout41/023-zh-lobechat-vercel-gemini-request-403-region-restricted-prose.txt": (
        "a region block told in Chinese prose, the 403 only in a screenshot"
    ),
    "holdout41/033-zh-lobechat-docker-gemini-long-output-524-server-timed-out-waiting.txt": (
        "a chat app's own text for a 524 (a proxy's status, which Google does not answer with)"
    ),
    "holdout42/008-agent-kit-prose-live-1008-policy-violation-native-audio-tools.txt": (
        "a Live '1008 privacy violation' told in prose, no close reason pasted"
    ),
    "holdout42/016-ruby-gem-prose-video-file-upload-500-and-400-errors.txt": (
        "'500 and 400 errors' told in prose"
    ),
    "holdout42/019-video-server-notes-veo-3-operations-fail-error-code-13.txt": (
        "notes that Veo operations fail 'with code 13', told in prose (no error object)"
    ),
    "holdout42/022-es-bot-notes-veo-poll-400-operation-id-must-be-a-long.txt": (
        "'Error 400 \"The Operation ID must be a Long\"' in Spanish notes: a code before a quoted message is not read (an OpenAI message quoted so would be claimed too)"
    ),
    "holdout44/010-python-genai-valueerror-code-execution-tool-not-supported-for-model.txt": (
        "the SDK's own ValueError before any request (a client check, no Google error)"
    ),
    "holdout44/029-desktop-backend-pr-gemini-proxy-504-at-90s-vertex-gemini-2-5-flash.txt": (
        "an app's own proxy time-out (504s) told in a PR's prose"
    ),
    "holdout44/035-inspect-ai-pr-gemini-batch-jsonl-no-such-field-thinking-config.txt": (
        "the batch API's 'no such field' quoted in a PR's prose, no code or status"
    ),
    "holdout38/011-omniroute-gemini-cli-token-refresh-401-invalid-client-403-cloud-code-private-api-disabled.txt": (
        "an OAuth refresh 401 and a '[403]: … has not been used in project' in one log read as one error of their family, with the first code"
    ),
    "holdout38/016-koreader-plugin-new-ai-studio-key-starts-aq-generated-error-prose.txt": (
        "an auth key 'generated error' told in prose, the error only in a screenshot"
    ),
    "holdout38/034-tts-backend-feature-request-retry-gemini-tts-server-side-500-prose.txt": (
        "'server-side (500) errors from the Gemini TTS' told in a feature request's prose"
    ),
    "holdout39/016-langchain4j-vertex-gemini-illegalargumentexception-response-blocked-safety.txt": (
        "a response blocked for safety (no HTTP error; other sets label such blocks unrecognized)"
    ),
    "shapes36/007-gemini-cli-prose-all-models-quotas-reached-0-auto-gemini-3.txt": (
        "a plan allowance used up, told in prose, no error text"
    ),
    "shapes36/008-gemini-cli-prose-usage-blocked-all-models-one-model-limit.txt": (
        "a plan allowance used up, told in prose, no error text"
    ),
    "shapes36/011-cliproxyapi-pr-prose-gemini-3-pro-preview-taken-down-no-longer-available.txt": (
        "a model taken down, told in a PR's prose, no error text"
    ),
    "shapes36/013-codelabs-prose-antigravity-free-baseline-tokens-used-up-5-days.txt": (
        "an Antigravity allowance used up, told in prose, no error text"
    ),
    "shapes36/014-antigravity-cli-prose-weekly-quota-eaten-in-one-task.txt": (
        "a weekly allowance used up, told in prose, no error text"
    ),
    "shapes36/027-antigravity-cockpit-prose-pro-quota-gone-wait-6-days.txt": (
        "a plan allowance used up, told in prose, no error text"
    ),
    "peers16/025-gemini-cli-footer-snapshot-gemini-pro-quota-limit-reached.txt": (
        "gemini-cli's footer table ('/model … quota … gemini-pro … limit reached'), no error text"
    ),
    "peers17/030-gemini-ex-changelog-live-1011-internal-error-encountered.txt": (
        "a changelog's '1011 \"Internal error encountered.\"' with no close word and no Google product named"
    ),
    "peers15/025-embabel-gemini-chat-it-test-aborted-project-does-not-have-access-to-model.txt": (
        "a test's own message ('the configured Google project does not have access to $modelId'), no Google wording"
    ),
    "holdout37/010-devto-antigravity-agent-terminated-167-hour-lockout-weekly-cap.txt": (
        "'Agent terminated due to error.' and a '167-hour lockout' told in a blog's prose, no error text of Google's"
    ),
    "holdout37/026-cookbook-issue-prose-gemini-pro-quota-5-requests-per-minute.txt": (
        "a quota of '5 requests per minute' told in prose, no error text"
    ),
    "holdout37/027-js-sdk-issue-prose-image-generation-limit-500-per-day.txt": (
        "an image-generation limit of '500 per day' told in prose, no error text"
    ),
    "holdout35/026-course-student-prose-gemini-key-invalid-google-colab.txt": (
        "'refers to as invalid Api key' in a student's prose, no error text"
    ),
    "holdout36/001-gemini-cli-pro-daily-quota-fallback-submit-new-query-flash.txt": (
        "gemini-cli's fallback error ('Please submit a new query to continue with the Flash model') after a daily quota told in prose: read as a 429 naming no quota"
    ),
    "holdout36/012-gemini-cli-title-503-model-is-overloaded-screenshot-prose.txt": (
        "a title '503. The model is overloaded.' (the code before a full stop) with no Google product named"
    ),
    "holdout32/004-zh-llm-proxy-issue-gemini-test-api-key-missing-or-invalid.txt": (
        "a relay's own 'API key is missing or invalid' (not Google's wording) in a post about Gemini"
    ),
    "holdout32/007-zh-key-proxy-issue-gemini-requests-time-out-after-60-seconds-prose.txt": (
        "a proxy's 60-second time-out told in Chinese prose and screenshots, no error text"
    ),
    "holdout32/008-zh-deepclaude-issue-official-gemini-api-connection-timeout-prose.txt": (
        "a connection time-out told in Chinese prose, no error text"
    ),
    "holdout32/018-zh-key-balancer-issue-429-usually-rpm-cool-down-prose.txt": (
        "'API返回429' in a post that names Google only as 谷歌 and no Gemini product"
    ),
    "holdout33/010-bob-plugin-zh-prose-base-url-404-unknown-error-model-deprecated.txt": (
        "'这个URL404' and an app's 'Unknown error' in prose; a reply says the model was deprecated"
    ),
    "holdout33/014-samp-chatbot-maintainer-prose-gemini-api-error-code-429-link.txt": (
        "the error only in a screenshot; a reply links Google's error-code-429 page"
    ),
    "holdout33/017-stremio-ai-search-addon-hebrew-enter-valid-gemini-api-key.txt": (
        "an app's own Hebrew 'enter a valid Gemini API key', no Google error text"
    ),
    "holdout33/022-rikkahub-zh-maintainer-prose-google-api-limit-free-user.txt": (
        "a reply's Chinese prose 'Google's API limit' about a screenshot, no error text"
    ),
    "holdout33/029-chatwise-zh-github-copilot-gemini-models-400-bad-request.txt": (
        "'400: Bad Request' of Gemini models served through a GitHub Copilot subscription: Copilot named, read as theirs"
    ),
    "holdout34/002-genai-samples-reasoning-engine-query-internalservererror-create-app-args.txt": (
        "'an InternalServerError occurs' told in prose about a Reasoning Engine query, no code"
    ),
    "holdout34/007-looker-assistant-bq-remote-model-unrecognized-name-gemini-connection-not-found.txt": (
        "a BigQuery SQL error ('Unrecognized name: gemini') with no code or Google API wording"
    ),
    "holdout34/013-security-agent-pr-prose-us-central1-no-gemini-3-flash-preview-use-global.txt": (
        "a model offered only on the global endpoint, told in a PR's prose, no error text"
    ),
    "holdout28/020-ai-forum-live-api-websocket-disconnects-1011-1008-native-audio.txt": (
        "Live API close codes told only as '1011/1008' in a report's title and prose, no reason text"
    ),
    "holdout28/032-aiweekly-alert-gemini-2-0-flash-001-retired-calls-return-errors.txt": (
        "a retirement told in a news item's prose ('Google retired …, causing immediate errors'), no error text"
    ),
    "holdout30/005-csharp-mscc-azure-httprequestexception-400-bad-request.txt": (
        "a .NET 400 of an app hosted on Azure: Azure named, nothing of Google's on the error's line"
    ),
    "holdout30/007-swift-sdk-rpcerror-error-1-norway-users-region-reply.txt": (
        "the Swift SDK's 'RPCError error 1' with no code; the region is told only in a reply"
    ),
    "shapes34/011-zh-cliproxyapi-issue-gemini-cli-oauth-403-after-june-18-prose.txt": (
        "gemini-cli's end of service told in Chinese prose ('认证提示403'), no error text"
    ),
    "shapes34/024-forum-live-native-audio-manual-vad-connectionclosederror-sent-1011-keepalive.txt": (
        "a Live close code 1011 the client sent after its own keepalive time-out, in prose"
    ),
    "shapes34/028-avianvisitors-pr-image-generation-needs-billing-free-tier-image-quota-0-prose.txt": (
        "'free tier image quota is 0' told in a PR's prose, no error text"
    ),
    "shapes34/030-antigravity-cli-issue-paid-pro-web-search-locked-167-hours.txt": (
        "a web-search allowance 'hard-locked for 167 hours' told in prose, no error text"
    ),
    "holdout25/006-immersive-translate-zh-429-one-api-proxy-gemini-blocked-prohibited-content.txt": (
        "one-api's own error envelope (one_api_err) around a Gemini block: the relay's envelope wins"
    ),
    "holdout25/014-cline-vscode-prose-gemini-exceeded-quota-every-request.txt": (
        "'exceeded qouta error' (misspelled) in prose"
    ),
    "holdout25/019-multi-agent-coder-elixir-gemini-forbidden-access-denied-2-0-flash-exp.txt": (
        "an Elixir tuple '{:forbidden, \"Access denied\"}': no code or Google wording"
    ),
    "holdout25/021-zh-cf-worker-proxy-gemini-400-status-code-no-body.txt": (
        "openai-node's '400 status code (no body)' behind a Cloudflare worker the thread names"
    ),
    "holdout25/027-obsidian-llm-plugin-prose-gemini-429-rate-limit-generic-error.txt": (
        "a 429 of Gemini's told in prose that compares it with OpenAI and Anthropic: the others named win"
    ),
    "shapes33/011-cookbook-issue-context-caching-permissionerror-prose.txt": (
        "a PermissionError told in prose, no error text"
    ),
    "shapes33/024-live-language-issue-comment-rate-limits-gemini-2-5-flash-preview-tts-prose.txt": (
        "'running into rate limits' in prose, no code"
    ),
    "shapes33/037-podcastfy-issue-gemini-tts-400-voice-requires-model-name.txt": (
        "a TTS 400 in a post that also names OpenAI's TTS: the other provider wins"
    ),
    "holdout22/018-adk-python-reasoning-engine-500-streaming-429-too-many-requests-resource-exhausted.txt": (
        "Vertex's 'Resource exhausted. Please try again later.' is shared capacity (SPEC §2); labelled unspecified-429"
    ),
    "holdout22/031-kubectl-ai-go-map-error-429-quotafailure-free-tier-tpm-rpd-rpm.txt": (
        "three free-tier ids with no value are read as a zero limit (error-shapes.md); labelled rpd"
    ),
    "holdout22/034-js-genai-prose-503-at-capacity-every-request.txt": (
        "'503, 503, 503' and 'at capacity' in prose that names no Google product"
    ),
    "peers12/002-dmtools-test-results-429-free-tier-minute-and-day-ids-retry-51s.txt": (
        "three free-tier ids with no value are read as a zero limit (error-shapes.md); labelled rpd"
    ),
    "holdout20/037-open-chat-studio-prose-gemini-3-pro-preview-fails-us-central1-global-only.txt": (
        "a model offered only on the global endpoint, told in prose, no error text"
    ),
    "shapes31/010-gemini-cli-tracker-model-capacity-high-demand-pro-user.txt": (
        "'keeps saying that there's high demand' in a comment's prose, no error text"
    ),
    "holdout17/007-zh-antigravity-manager-cherry-studio-agent-all-accounts-exhausted-http-429.txt": (
        "a reply's log line of a 403 the proxy retried around ('Detected 403 Forbidden …, retrying WITHOUT …') wins"
    ),
    "holdout17/018-zh-antigravity-manager-all-403-unexpected-issue-setting-up-your-account-prose.txt": (
        "an account's 403 told in Chinese prose beside the client's own sign-in sentence, no error text"
    ),
    "holdout18/029-zh-antigravity-manager-gemini-protocol-keeps-returning-429-prose.txt": (
        "'请求一直报429' about a misspelled 'gemin-3-pro-high': no Google product named"
    ),
    "shapes30/026-gemini-cli-pro-quota-stuck-100-percent-limit-reached-code-assist-prose.txt": (
        "a plan allowance shown as '100% used / limit reached', told in prose, no error text"
    ),
    "forum/30-discuss-tier1-429-no-quota-named-reply.txt": "a 429 stated only in a reply's prose, no product",
    "peers/187-gcli-hist-service-unavailable-capacity-exceeded.txt": "a bare 'capacity exceeded' phrase",
    "holdout9/043-zh-calibre-translator-gemini-2-5-urlopen-read-operation-timed-out.txt": (
        "a client's own read time-out (urlopen) with only 'Gemini2.5flash' in prose: no Google signal beside it"
    ),
    "holdout10/021-fa-proxy-issue-gemini-says-your-country-not-supported.txt": (
        "region told in Persian prose, no error text"
    ),
    "holdout10/033-interpreter-app-gemini-live-keys-flagged-leaked-email-prose.txt": (
        "a leaked key told in prose, no error text"
    ),
    "holdout10/034-zh-hosts-tool-gemini-says-region-unavailable.txt": (
        "region told in Chinese prose, no error text"
    ),
    "peers5/001-langchaingo-httprr-403-unregistered-callers.txt": (
        "'Method doesn't allow unregistered callers' (no key sent) read as a key problem, labelled permission"
    ),
    "peers4/050-aiplatform-eval-run-error-invalid-argument-no-items.txt": (
        "'code=INVALID_ARGUMENT' alone is gRPC's own status rendering, no Google signal"
    ),
    "holdout8/043-flutter-app-doc-vertex-401-api-key-service-blocked-prose.txt": (
        "prose bullets '401 Unauthorized' and 'API_KEY_SERVICE_BLOCKED' read as a bad key, labelled auth-method"
    ),
    "holdout7/021-obsidian-tts-prose-request-failed-resources-exhausted.txt": (
        "'resources exhausted' in prose that names no Google product"
    ),
    "holdout7/031-ocr-lib-vertex-prose-forbidden-403-enable-billing.txt": (
        "a billing 403 paraphrased in an e-mail reply ('forbidden 403 https error and enable billing')"
    ),
    "holdout11/003-go-coding-agent-prose-429-gemini-2-5-pro-preview-no-longer-supported.txt": (
        "a 429 in prose about '2.5 pro preview model' that never says Gemini (only 'Google Documentation')"
    ),
    "holdout12/024-blog-antigravity-pro-resets-in-142h-lockout-prose.txt": (
        "a blog quoting only the UI's countdown ('Resets in 142h'), no error text"
    ),
    "shapes28/034-netacad-autoanswer-prose-gemini-2.5-not-available-anymore.txt": (
        "'Gemini 2.5* is not available anymore' in prose, no error text"
    ),
    "holdout13/014-opencode-question-gemini-is-way-too-hot-right-now-prose.txt": (
        "a tool's own 'way too hot' in prose; a reply's 'resource exhausted' (said of another error) is read"
    ),
    "holdout13/022-pt-antigravity-cli-prose-quota-reached-after-subscribing.txt": (
        "'quota reached' in Portuguese prose, no error text"
    ),
    "holdout13/028-gemini-cli-prose-image-generation-quota-0-pro-user-oauth.txt": (
        "'quota 0' told in prose, no error text"
    ),
    "holdout13/033-python-genai-debug-log-retry-429-rpd-rpm-tpm-free-tier-gemini-2-0-flash.txt": (
        "three free-tier buckets violated at once with no value is read as a zero limit; labelled rpd"
    ),
    "holdout14/033-zh-issue-antigravity-manager-quota-slashed-gemini3flash-used-up-prose.txt": (
        "a plan allowance used up, told in Chinese prose, no error text"
    ),
    "shapes29/013-bolna-pr-prose-gemini-3-7-flash-rejects-minimal-400.txt": (
        "'rejects MINIMAL with a 400' in a PR's prose: a bare code the prose rule does not read"
    ),
    "peers8/013-openclaw-google-live-onclose-1011-temporary-upstream-close.txt": (
        "a WebSocket close event (1011, 'temporary upstream close') with nothing Google's beside it"
    ),
    "holdout15/014-translator-app-gemini-error-429-free-is-15-rpm-prose.txt": (
        "'gemini free is 15 rpm' in a reply's prose, the error only in a screenshot"
    ),
    "holdout15/027-zh-balance-worker-api-429-then-project-flagged-usage-policy-violation.txt": (
        "'API429' and a policy flag told in Chinese prose, no error text"
    ),
    "holdout15/038-blog-martech-cursor-error-openai-wrapping-gemini-429-resource-exhausted.txt": (
        "Cursor's ERROR_OPENAI envelope around a bare {code: 429, message: 'Resource exhausted'}: nothing Google's"
    ),
    "holdout16/032-cli-prose-hit-usage-limit-2-5-pro-after-2-requests-switched-flash.txt": (
        "'hit the usage limit' of a plan told in prose, the error only in a screenshot"
    ),
    "peers9/023-llm-proxy-backend-500-internal-error-encountered.txt": (
        "'Internal error encountered.' alone: other software says it too (SPEC §1.1: a Google signal beside it)"
    ),
}
#: Texts of other providers the tool claims, and why (strict: a fix makes the test fail until removed).
CLAIM_MISSES = {
    "not-google61/012-fastapi-own-login-rate-limit-429-ci-log.txt": (
        "an app's own 429 to its test client ('POST http://testserver/api/v1/auth/login \"HTTP/1.1 429 Too Many Requests\"'): a host without a domain counts as the machine's own, so only a bare status is left"
    ),
    "not-google57/014-claude-code-router-gemini-config-401-invalid-api-key-retrying.txt": (
        "a router's own '401 Invalid API key' above a config whose only provider is Gemini: the generic key wording has Google's host beside it"
    ),
    "not-google57/010-org-ai-emacs-raw-http-429-too-many-requests-headers.txt": (
        "a bare HTTP head 'HTTP/1.1 429 Too Many Requests' whose headers name no provider: a bare status is claimed (SPEC §1.1)"
    ),
    "not-google56/021-z-image-400-insufficient-credits-top-up.txt": (
        'a bare {"code":400,"message":"Insufficient credits…"} whose site is named only in the post\'s prose (\'I am generating on https://z-image.ai\')'
    ),
    "not-google56/023-kaggle-cli-download-429-resource-exhausted.txt": (
        'Kaggle\'s API answers in Google\'s own envelope ({"error": {"code": 429, …, "status": "RESOURCE_EXHAUSTED"}}): a whole Google body, only the prose names Kaggle'
    ),
    "not-google54/014-trustedrouter-402-gateway-authorization-failed.txt": (
        'a gateway\'s bare \'{"message": "gateway authorization failed", "status": 402}\' whose service is named only as \'TR\': a bare status naming no provider, claimed per SPEC §1.1'
    ),
    "not-google52/029-ragflow-401-unauthorized.txt": (
        'a commit quoting an app\'s own envelope (\'{"code":401,"data":null,"message":"<Unauthorized ...>"}\') from a local address: a bare 401 that names no provider (SPEC §1.1 reads it as bad-key)'
    ),
    "not-google51/023-openai-compat-400-tpm-rate-limit-deepchat.txt": (
        "a test's OpenAI-compatible error ('400 Bad Request' with 'rate limit exceeded: too many tokens per minute (TPM)') that names no provider: SPEC §1.1 reads a bare 400 as bad-request"
    ),
    "not-google49/011-ja-sakura-ai-engine-tts-429-rate-limit-exceeded-retry-after.txt": (
        "a Japanese write-up of a TTS API's 429 ('HTTP/1.1 429 Too Many Requests', '{\"error\":{\"message\":\"rate limit exceeded\"}}', 'via: 1.1 sac-elb') that names the service only in the title outside the cut: SPEC §1.1 reads a bare 429 as unspecified-429"
    ),
    "not-google48/004-twitter-scraper-response-status-429-rate-limit-exceeded.txt": (
        "a scraper's bare 'response status 429 Too Many Requests: Rate limit exceeded' beside 'every tweet' (no provider by name or host): SPEC §1.1 reads a bare 429 as unspecified-429"
    ),
    "not-google44/022-gitlab-tap-429-client-error-pipelines.txt": (
        "a tap's '429 Client Error: Too Many Requests for path' whose only naming of GitLab is in a linked repository's name (tap-gitlab): a bare 429 per SPEC §1.1"
    ),
    "not-google43/027-claude-code-hit-your-limit-resets-axios-404.txt": (
        "a Claude Code bug report whose only error is Axios's 'Request failed with status code 404' and names no provider: a bare 404, read as SPEC §1.1's bare status"
    ),
    "not-google40/019-kiro-api-error-402-monthly-request-count-limit.txt": (
        "Kiro's 402 with its own body ('You have reached the limit.', reason MONTHLY_REQUEST_COUNT) and no provider named: read as a bare 402 (billing-limit); a body of another shape is not yet read as another provider's"
    ),
    "not-google40/012-anthropic-402-daily-spending-limit-cron-openclaw.txt": (
        "an agent's issue quoting '402 Daily spending limit reached … Your quota will reset tomorrow.' with no provider named: SPEC §1.1 reads a bare 402 as billing-limit"
    ),
    "not-google39/015-ncbi-eutils-rate-limit.txt": (
        "a bare '{\"error\": \"API rate limit exceeded\"}' beside '429 for rate limiting' naming no service (SPEC §1.1's bare-status rule)"
    ),
    "not-google37/035-claude-code-docs-diff-api-error-repeated-529-overloaded-ja.txt": (
        "Claude Code's docs listing 'API Error: 500 Internal server error' in Japanese prose that names Vertex AI among Anthropic's hosts"
    ),
    "not-google37/018-huggingchat-api-failed-to-chat-status-429.txt": (
        "an app's own 'Failed to chat. Status code: 429' naming no provider (SPEC §1.1: a bare 429 is unspecified-429)"
    ),
    "not-google36/025-wewe-rss-trpc-axios-429-daily-request-200-limit.txt": (
        "an AxiosError 429 naming no provider (SPEC §1.1: a bare 429 is unspecified-429)"
    ),
    "not-google35/009-openai-error-code-429-exceeded-quota-praisonai-test.txt": (
        "openai-python's 'Error code: 429 - You exceeded your current quota' with no body: the same SDK prints Google's compat-endpoint errors so, and Google's message begins with the same words"
    ),
    "not-google35/027-openai-404-model-not-found-envoy-openinference-test.txt": (
        'OpenAI\'s {"message": "Model not found", "type": "invalid_request_error"} with a bare 404: relays re-wrap Google\'s errors in the same envelope (holdout7/018), so its type is no foreign signal'
    ),
    "not-google35/031-provider-402-insufficient-credits-browser-use-test.txt": (
        "an agent's own ModelProviderError('Insufficient credits', status_code=402) naming no provider: SPEC §1.1's bare-status rule reads the 402 as Google's"
    ),
    "not-google34/038-factory-droid-429-rate-limit-exceeded-rust-test.txt": (
        'a coding agent\'s stream event {"type":"error","status":429,"error_type":"rate_limit_exceeded"} naming no provider (relays around Gemini use error_type too): SPEC §1.1\'s bare-status rule reads it as Google\'s'
    ),
    "not-google33/004-internal-gateway-429-tpm-rpm-zh-tw.txt": (
        "a gateway's error page: 'http_status: 429' with 'RateLimitError' and 'throughput limit on your Provisioned' naming no provider (Vertex AI sells Provisioned Throughput too): SPEC §1.1's bare-status rule reads it as Google's"
    ),
    "not-google31/028-openrouter-400-embedding-model-does-not-exist.txt": (
        'OpenRouter\'s bare {"error":{"code":400,"message":"Model \u2026 does not exist"}} in a cassette that names no provider (SPEC \u00a71.1\'s bare-status rule reads it as Google\'s)'
    ),
    "not-google30/015-corporate-gateway-402-budget-pool-exhausted.txt": (
        "a bare 402 with a gateway's budget-pool words that name no provider (SPEC \u00a71.1's bare-status rule reads a 402 as Google's prepay)"
    ),
    "holdout86-not-google/006-cliproxyapi-management-api-error-responses-401-missing-management-key.txt": (
        "a relay's management API table of bare statuses with its own string errors: bare codes are read (SPEC map)"
    ),
    "holdout86-not-google/008-gpt-load-errors-503-no-active-keys-rate-limit-exceeded-own-codes.txt": (
        "a relay's own error constants, one coded RATE_LIMIT_EXCEEDED (a Google reason word too)"
    ),
    "holdout86-not-google/011-management-center-pr-doc-anthropic-messages-401-authentication-errors.txt": (
        "api.anthropic.com's 401 told in a PR's prose that names Antigravity as a provider that works"
    ),
    "not-google25/031-oh-my-pi-pr-bailian-429-allocationquota-exceeded-current-quota-prose.txt": (
        "a PR about DashScope naming Code Assist's QUOTA_EXHAUSTED (the tool's own classification) beside a 429: the Google reason is read"
    ),
    "not-google23/020-siumai-release-script-crates-io-429-try-again-after.txt": (
        "a script's comment quoting crates.io's 'status 429 Too Many Requests' with no service named (SPEC §1.1's "
        "bare-status rule reads it as Google's)"
    ),
    "not-google23/022-llxprt-plan-synthetic-402-insufficient-credits.txt": (
        "an 'HTTP 402 \"Insufficient credits\"' of a provider named only as a profile (the bare-status rule)"
    ),
    "not-google22/019-ollama-docs-errors-status-codes-429-error-json.txt": (
        "Ollama's status-code list in a cut that names no provider (the bare-status rule reads its 400 as Google's)"
    ),
    "holdout57-not-google/006-yandex-ai-studio-error-codes-resource-exhausted-quota-exceeded.txt": (
        "Yandex's own 'AI Studio' error-code table (gRPC and HTTP codes with their statuses): its product name is "
        "read as Google's AI Studio"
    ),
    "holdout56-not-google/001-asyar-launcher-ai-chat-gemini-extension-permission-denied-notifications-send.txt": (
        "a launcher's own 'Permission denied: Extension … requires the … permission' in a post that names Gemini: "
        "the generic words beside Gemini's name read as Google's"
    ),
    "not-google20/012-litellm-vertex-gemini-ultra-429-no-deployments-available.txt": (
        "LiteLLM's router's own 'No deployments available' beside its vertex_ai/ routes: the routes are read as "
        "Vertex named, so the other services are not looked for"
    ),
    "not-google20/032-copilot-release-gemini-3-pro-preview-request-failed-400-bad-request.txt": (
        "Copilot's 'Request Failed: 400 Bad Request' for a Gemini model with Copilot not named in the text (other "
        "sets label the same shape as Google's 400 relayed)"
    ),
    "not-google20/044-gpt-load-gemini-upstream-cloudflare-ai-gateway-models-code-2002.txt": (
        "Cloudflare AI Gateway's own 'Internal server error' (code 2002) in a post that names Google's host as the "
        "upstream that works: the host counts as a Google signal, so the other services are not looked for"
    ),
    "not-google18/008-cliproxyapi-dynamic-provider-unknown-provider-gemini-cli.txt": (
        "a relay's 'unknown provider for model' in a post that names gemini-cli and Antigravity (read as Google's clients' wrapper)"
    ),
    "not-google18/014-gpt4free-unknown-gemini-model-3-7-flash-supported-models.txt": (
        "an app's own 'error 500' for a Gemini model id it does not know, nobody else named"
    ),
    "not-google18/026-opencode-configs-antigravity-proxy-invalid-api-key-gemini-claude-opus.txt": (
        "a proxy's own 'Invalid API key' in a post about Antigravity's models"
    ),
    "not-google18/041-omniroute-400-no-credentials-for-embedding-provider-gemini.txt": (
        "a relay's own 400 beside a Gemini model id in the request and 'gemini' on the error's line"
    ),
    "holdout40-not-google/011-roo-code-copilot-gemini-3-pro-http-400-tool-name-required.txt": (
        "Copilot's own 400 'Tool name is required for Gemini requests' beside a Gemini model id: Copilot is read as a client, not the provider"
    ),
    "holdout40-not-google/014-kilo-code-jetbrains-settings-500-internal-server-error-unknown-error.txt": (
        "a bare '500 Internal Server Error' title of a coding tool's own settings page: a bare status names no provider (SPEC §1.1)"
    ),
    "not-google15/042-qdrant-client-grpc-unavailable-http2-502-upsert.txt": (
        "gRPC's own UNAVAILABLE ('Received http2 header with status: 502') from a vector database named only as qdrant_client"
    ),
    "not-google14/054-discord-scraper-error-429-resuming-prose.txt": (
        "'error code 429' of Discord's API told in prose that names Discord only as 'changes at Discord'"
    ),
    "not-google12/043-koishi-openai-request-failed-429-chinese.txt": (
        "a bare 'Request failed with status code 429' in Chinese prose that names no provider"
    ),
    "not-google11/003-new-api-key-tool-429-too-many-requests-zh.txt": (
        "a bare '429 Too Many Requests' of a relay's key tool that names no provider (the bare-status rule)"
    ),
    "not-google11/015-cherry-studio-knowledge-base-503-status-code-no-body-zh.txt": (
        "a bare '503 status code (no body)'; the providers are named only by nicknames ('dp的v3', '硅基')"
    ),
    "not-google10/030-dify-cloud-api-504-gateway-time-out-postman.txt": (
        "a bare '504 gateway time-out' that names no provider (SPEC §1.1's bare-status rule reads it as Google's)"
    ),
    "peers10-not-google/002-mirascope-features-openai-404-only-supported-in-v1-responses.txt": (
        "OpenAI's body in a YAML scalar folded inside a string: its envelope is not read, the 404 is"
    ),
    "not-google6/011-pinecone-ts-request-larger-than-2mb-then-503.txt": (
        "a bare 'status: 503' that names no provider (SPEC §1.1's bare-status rule reads it as Google's)"
    ),
    "not-google8/018-spring-cloud-huawei-servicecomb-429-throttling-threshold.txt": (
        "a garbled (OCR) ServiceComb log whose 'status: 429' names no service legibly"
    ),
    "not-google7/031-react-yandex-maps-net-err-aborted-429-russian.txt": (
        "a bare 'net::ERR_ABORTED 429 (Too Many Requests)' in Russian prose that names no service"
    ),
    "not-google7/045-exact-php-client-apiexception-error-429-empty.txt": (
        "a bare 'Error 429:' named only by a PHP namespace (Picqer\\Financials\\Exact)"
    ),
}
#: Pastes whose labelled model the tool does not give, and why.
MODEL_MISSES = {
    "holdout182/009-ru-replit-console-gemini-improve-text-500-wrapping-404-cut.txt": (
        "a UI log naming three selected models before the error: the first Gemini one (gemini-2.0-flash) is given, the label takes the last selected (gemini-2.5-flash)"
    ),
    "shapes54/009-api-tester-v1beta-404-truncated-no-working-models.txt": (
        "three 404 bodies each cut inside its message are read as one record, whose message is the last (gemini-pro)"
    ),
    "shapes54/008-model-tester-429-zero-quota-gemini-2.0-flash-lite-001.txt": (
        "the quota's dimension names gemini-2.0-flash-lite, the model field; the requested gemini-2.0-flash-lite-001 is in requested_model"
    ),
    "holdout171/009-gpt-load-check-model-status-404-zh.txt": (
        "'Gemini 2.5-pro' named only in Chinese prose with no error read"
    ),
    "shapes52/008-es-atlas-notes-gemini-3.8-live-1011-internal.txt": (
        "Spanish notes of a Live session closing with 1011 on gemini-3.8-live, then a REST check answered '503 … high demand' on gemini-3.8-flash: of two backoff errors the last is primary (SPEC §1.1), its model the REST call's; the label takes the first"
    ),
    "holdout153/005-cliproxyapi-vertex-global-url-404-zh.txt": (
        "a Chinese issue whose prose ('返回 404') names both preview models before a table of hosts: the first listed is given, the label keeps the table's failing row"
    ),
    "holdout131/013-apm-test-snapshot-vertex-400-invalidargument-fileuri-gemini-1.5-flash.txt": (
        "a test snapshot of a Vertex 400 whose model stands only in the request's fields away from the error: no model given"
    ),
    "holdout131/009-debug-notes-rest-probe-table-429-limit-0-billing-gate-and-404-new-users.txt": (
        "debugging notes' probe table of several models with 'limit: 0' and one 404: the first zero-quota model is given, the label names the last"
    ),
    "holdout132/016-ko-notes-gemini-flash-latest-free-tier-requests-per-day-quota-id.txt": (
        "Korean notes retelling that the alias gemini-flash-latest resolved to gemini-3.6-flash (free 20 a day): the alias, named first and called, is given; the label names the model it resolved to"
    ),
    "shapes47/008-pydantic-ai-commit-live-1008-not-found-v1beta.txt": (
        "a commit titled 'Update Gemini Live default to X' whose body names the retired model: the new default in the title is given"
    ),
    "holdout124/005-ja-notes-404-new-users-and-402-prepay-per-model.txt": (
        "a Japanese note listing four models' results (two 404s, then two 402s, both fix): the first fix-class diagnosis (model-not-found, its model gemini-2.5-flash) is primary; the label names the 402's model"
    ),
    "holdout123/016-generative-ai-commit-400-context-caching-model.txt": (
        "'use Gemini 1.5 Flash instead of Gemini 2.0 Flash' in a commit's prose: the first display name is given, the failing one follows 'instead of'"
    ),
    "holdout121/009-csv-bench-row-gemini-2.5-pro-503-high-demand.txt": (
        "a benchmark's config name ('gemini-2.5-pro-default') is read as the model id"
    ),
    "holdout121/002-ko-all-gemini-models-404-not-found.txt": (
        "seven models listed as all failing with 404: the first is given, the label reads the highlighted last one"
    ),
    "shapes46/004-live-1011-internal-report.txt": (
        "a test report naming three models as headings, two marked PASS: the first named is given, the failing one is the heading above the error"
    ),
    "holdout115/008-fix-doc-mangled-404-gemin1-1-5-flash-api-version-vibes.txt": (
        "an OCR'd id ('gemin1-1.5-flash') is given as written (as models/003 labels it); this label reads the id meant"
    ),
    "holdout114/012-volcengine-zh-nextjs-gemini-2-5-pro-free-tier-429-all-quotas.txt": (
        "the model only by its display name ('Gemini 2.5 Pro免费层') in Chinese prose with no error text"
    ),
    "peers28/008-irontracks-test-503-high-demand-googlegenerativeai.txt": (
        "a test's URL with the model's family cut off ('/v1beta/2.5-flash:generateContent'): no model id"
    ),
    "peers28/010-ghost-overlay-mock-503-high-demand-flash-lite.txt": (
        "the labelled model is no id in the paste: only a mock's regex on the URL (/flash-lite/)"
    ),
    "holdout104/003-claude-code-router-gemini-3.8-selected-model-issue.txt": (
        "a router's hex-encoded model name, decoded in prose as a provider's path ('Google/models/gemini-3.8-flash'): an id inside a path is not read"
    ),
    "holdout102/003-race-gemini-cli-session-log-exhausted-capacity-reset-after-2s-retries.txt": (
        "a headless log whose retries name no model: the model the log names first is given, the label keeps the one its stats show"
    ),
    "holdout93/012-gcli2api-antigravity-stream-503-capacity.txt": (
        "two capacity bodies for two models, the first cut in the middle: the complete one's model is given, the label keeps the first"
    ),
    "holdout94/006-gemini-r-vertex-req-perform-http-404.txt": (
        "the model only as an R package's argument without its family ('model_id = \"3-flash-preview\"'), which is no model id"
    ),
    "holdout94/014-uni-api-vertex-gemini-error-500-timed-out.txt": (
        "a proxy's log naming two models on its request lines: the first is given, the label keeps the one on the line before the error"
    ),
    "shapes41/012-adk-live-test-report-vertex-1007-non-existing-model-protoconf.txt": (
        "a Live close's reason names the model the backend routed to ('Non-existing model: X'); the label keeps the heading's model that was called"
    ),
    "holdout79/015-openhands-mcp-gemini-preview-invalid-json-payload-unknown-name-default.txt": (
        "'from X to Y, in the former everything is OK': the first is given, the label keeps the second"
    ),
    "holdout81/011-swift-sdk-issue-network-lost-1005-and-404-gemini-1-5-latest.txt": (
        "not recognised as Google's (a network error): the model the post names first (gemini-1.5-flash-latest) is given, the label keeps the one the failing call used"
    ),
    "holdout75/014-vertex-notebook-markdown-429-resource-has-been-exhausted-embeddings-rpm-prose.txt": (
        "the label keeps a notebook's misspelt id ('text-embeddings-004'), which is no model id"
    ),
    "holdout71/015-roo-code-got-status-429-you-exceeded-quota-2-5-pro-exp-cut.txt": (
        "two model ids in the post: the other one is given"
    ),
    "holdout72/002-movie-reviewer-notes-404-gemini-pro-and-1-5-flash-not-found-v1beta.txt": (
        "two 404 lines, one per model: the first's model is given, the label keeps the last"
    ),
    "holdout72/012-movie-reviewer-debug-plan-both-models-404-not-found-v1beta.txt": (
        "two models named in prose around a placeholder error: the first is given, the label keeps the last"
    ),
    "holdout72/024-career-app-status-quota-exceeded-preview-and-overloaded-flash.txt": (
        "an app's summary lines of several models (a quota line, then overloads): the quota line's model is given"
    ),
    "holdout72/033-ara-changelog-fixed-404-errors-gemini-1-5-not-in-v1beta.txt": (
        "two models named in a changelog: the first is given, the label keeps the last"
    ),
    "holdout74/006-cheating-daddy-pr-gemini-2-5-flash-404-no-longer-available-new-users-429-quota.txt": (
        "a PR naming the model moved to before the retired one: the first is given"
    ),
    "holdout74/009-promptfoo-issue-vertex-gemini-eval-assertions-400-invalid-argument-system-only.txt": (
        "a config naming three models: the first is given, the label keeps the grader's"
    ),
    "holdout67/021-es-apiyi-blog-gemini-3-pro-image-503-high-demand-upstream-error.txt": (
        "a display name ('Gemini 3 Pro Image') among several ids: the display name's id is given (as holdout66/002)"
    ),
    "holdout69/013-docs-repo-reply-prose-nodejs-vertex-gemini-1-5-pro-latest-publisher-model-not-found.txt": (
        "not recognised as an error (prose): the first model the thread names is given, the label keeps the one the reply is about"
    ),
    "holdout69/016-litellm-reply-vertex-publisher-model-gemini-2-5-pro-exp-03-25-not-found.txt": (
        "two publisher-model 404s: the first's model is given, the label keeps the second (the one the post is about)"
    ),
    "holdout70/025-hermes-webui-google-provider-http-400-api-key-invalid-maintainer-reply.txt": (
        "a reply naming the model of a working curl before the failing one: the first is given"
    ),
    "holdout70/031-perplexica-googlegenerativeai-429-2-5-pro-exp-free-tier-violations-cut.txt": (
        "the quota's dimension model (gemini-2.0-pro-exp) is given; the label keeps the URL's model"
    ),
    "holdout64/028-aider-litellm-authenticationerror-geminiexception-400-api-key-not-valid.txt": (
        "a working curl (its URL's model) before the failing command's model: the URL's is given"
    ),
    "holdout65/012-cliproxyapi-gemini-cli-429-rate-limit-exceeded-then-404-fallback-model.txt": (
        "a 404 whose model is only in the log line before it ('retrying with next model: X'): the other error's model is shared"
    ),
    "holdout66/002-zh-hant-relay-blog-503-upstream-error-high-demand-gemini-3-pro-image.txt": (
        "a display name ('Gemini 3 Pro Image') among several ids (one an image's slug): the display name's id is given"
    ),
    "holdout59/025-langchain-google-commit-vertex-maas-llama-429-resource-exhausted-us-east5.txt": (
        "the label keeps a Vertex Model-as-a-Service id of another maker (meta/llama-…-maas), which the model "
        "reader (Google's model families) does not take"
    ),
    "holdout58/006-zh-dart-agent-failed-to-stream-400-role-function-not-supported.txt": (
        "'switched from X to Y' (从 X 切换到 Y) then an error: the model switched to is read as advice, the first is given"
    ),
    "holdout58/019-browser-agent-commit-gemini-2-5-flash-404-no-longer-available-new-users.txt": (
        "a commit pinning a new alias (named first) after the retired model failed: the first named is given"
    ),
    "holdout58/020-adk-demo-commit-native-audio-model-404-not-found-v1beta.txt": (
        "a commit naming the working model before the Live-only one that failed: the first is given"
    ),
    "holdout58/029-dev-tool-commit-429-model-capacity-exhausted-gemini-3-flash-preview.txt": (
        "a commit naming the model it now passes (--model X) before the default that failed"
    ),
    "holdout56/008-firebase-ext-gemini-2-5-pro-error-response-model-not-found-prose.txt": (
        "the label keeps the post's capital ('Gemini-2.5-pro'); the id is given lower-case"
    ),
    "peers19/002-antigravity-manager-503-doc-google-backend-no-capacity-available.txt": (
        "not recognised as an error (prose), so no model is given"
    ),
    "holdout49/008-openclaw-image-generate-hangs-429-resource-exhausted-limit-0-flash-image.txt": (
        "the configured id (gemini-3.1-flash-image-preview) is given; the label keeps the quota's name without "
        "'-preview'"
    ),
    "holdout49/031-omniroute-antigravity-230-opaque-upstream-error-400-function-declarations-schema.txt": (
        "three model ids on one line; the first is given, the label keeps the second"
    ),
    "holdout49/033-omniroute-antigravity-upstream-error-403-gemini-3-6-flash-account-region.txt": (
        "the same 403 in the title (gemini-3.6-flash-high) and the body (-low): the title's is given"
    ),
    "shapes37/015-gemini-cli-model-stats-then-exhausted-your-daily-quota-on-this-model.txt": (
        "the same allowance error twice after two 'Responding with' lines: the first model is given, the label "
        "keeps the last"
    ),
    "shapes37/025-omniroute-antigravity-claude-opus-opencode-no-response-logs-429.txt": (
        "an Antigravity Claude id named only in prose is no Google model id the bare-model rule reads"
    ),
    "holdout48/021-ko-report-gemini-1-5-models-404-not-found-for-api-version.txt": (
        "a report of three tries with two models: the first try's model is given, the label keeps the last complete one"
    ),
    "holdout47/024-es-model-probe-summary-404-and-429-limit-0-three-models.txt": (
        "notes of three model probes (a 404 and two zero quotas): the first zero quota's model is given, the label keeps another"
    ),
    "holdout47/040-tr-roadmap-app-429-too-many-requests-hatasi-curl-key-masked.txt": (
        "the labelled model is the one of a suggested curl command; the app's configured model is given"
    ),
    "holdout45/002-chat2graph-requests-httperror-404-not-found-v1beta-openai-url.txt": (
        "a config naming the chat model and an embedding model: the embedding model's line is read (the label keeps the chat model)"
    ),
    "holdout45/017-proxy-to-gemini-openai-sdk-function-calling-400-invalid-argument-prose.txt": (
        "prose naming the model that works first and the one that fails second (the first is given)"
    ),
    "holdout42/008-agent-kit-prose-live-1008-policy-violation-native-audio-tools.txt": (
        "not recognised as an error (prose): the model is given as the post writes it, with a stray letter ('…-12-2025e')"
    ),
    "holdout42/009-image-router-veo-3-operation-done-rai-media-filtered.txt": (
        "an operation done with a safety filter and no error object (unrecognized is allowed), so no model"
    ),
    "holdout42/039-genkit-tts-no-voice-error-400-invalid-argument-details.txt": (
        "three TTS models named; the one that fails is told only in words (the first is given)"
    ),
    "holdout40/016-cline-prose-429-too-many-requests-rate-limit-gemini2-5-flash-preview.txt": (
        "the label keeps the user's misspelt id ('gemini2.5-flash-preview-04-17'), which is no model id"
    ),
    "holdout40/023-goose-error-sending-request-for-url-generativelanguage-gemini-2-5-pro.txt": (
        "not recognised as Google's (a client's 'error sending request'): the model is given as the post writes it ('gemini-2.5pro')"
    ),
    "holdout33/027-powertoys-advanced-paste-gemini-1-5-pro-paste-error-ai-studio-400-404.txt": (
        "the label keeps the paste's capital ('Gemini-1.5-pro'); the id is given lower-case"
    ),
    "shapes35/011-ai-career-model-overload-doc-app-log-quota-exceeded-and-model-overloaded.txt": (
        "an app's log of several models (a quota line, then overloads): the quota line's model is given"
    ),
    "holdout31/019-autodev-issue-log-merge-conflicts-429-tpm-paid-503-499-and-400-schema-branching.txt": (
        "a log of several errors: the primary (a 503, allowed) names no model and the others name two"
    ),
    "holdout26/006-router-issue-antigravity-prose-gemini-3-5-flash-low-quota-used-up.txt": (
        "not recognised as an error (prose): the first model the post names is given, the label keeps the one switched to"
    ),
    "holdout27/002-node-red-ai-intent-googlegenerativeai-400-invalid-argument-two-models.txt": (
        "the same 400 on two models, one line each, read as one error with the first line's model"
    ),
    "shapes33/028-vertex-live-quickstart-issue-1008-permission-denied-resource-project-none.txt": (
        "prose naming the models that work and the one that fails"
    ),
    "peers12/018-resume-builder-notes-model-tests-404-not-found-and-429-exp.txt": (
        "notes of four model tests (three 404s, one 429); the model of the primary is told only in a list"
    ),
    "holdout21/030-gemini-srt-translator-quota-exceeded-waiting-1-minute-loop-prose.txt": (
        "prose naming the model tried first and the one switched to ('gst.model_name = …'); neither is taken"
    ),
    "holdout20/001-gemini-cli-ultra-subscriber-api-error-429-resource-exhausted-vertex-link.txt": (
        "the labelled model is the one gemini-cli switched to ('Switching to the gemini-2.5-flash model')"
    ),
    "holdout20/012-uni-api-vertex-claude-400-not-allowed-publisher-model-then-429-base-model-quota.txt": (
        "the Vertex version is kept as written (claude-3-sonnet@20240229); the label drops it"
    ),
    "holdout20/020-zh-cliproxyapi-vertex-gemini-3-1-pro-404-not-found-prose.txt": (
        "Chinese prose naming four model ids; the requested one is told only in words"
    ),
    "holdout17/015-librechat-429-gemini-2-5-pro-preview-no-free-quota-tier-quotafailure.txt": (
        "the quota's own model (gemini-2.5-pro-exp, in its dimensions) is given; the URL's is labelled"
    ),
    "peers10/018-pydantic-ai-openrouter-429-google-temporarily-rate-limited-upstream.txt": (
        "OpenRouter's slug is labelled as written ('google/…:free'); the Google id is given"
    ),
    "peers10/021-langchain-google-maas-test-comment-429-resource-exhausted-us-east5.txt": (
        "the label keeps a Vertex Model-as-a-Service id of another maker (meta/llama-…-maas), which the model "
        "reader (Google's model families) does not take"
    ),
    "models/026-openai-compat-list-wrapped-bare-429-prose-2.0-flash.txt": "no model id or display name",
    "holdout13/035-gemini-cli-title-model-capacity-exhausted-gemini-2-5-pro-hangs.txt": (
        "a title naming the failing model and the one that works ('while gemini-2.5-flash works'); the later is taken"
    ),
    "shapes29/013-bolna-pr-prose-gemini-3-7-flash-rejects-minimal-400.txt": (
        "not recognised as an error (prose): the family the prose names first ('gemini-3 model') is given, the label keeps the model that rejects the value"
    ),
    "holdout16/023-cli-to-api-bridge-uvicorn-log-404-requested-entity-not-found.txt": (
        "the labelled model is named elsewhere in the issue; the log's URL names the image model"
    ),
    "holdout16/030-emacs-client-comment-http2-429-curl-migrate-to-2-5-pro-preview.txt": (
        "a comment naming the model it moved to after the 429; the one before is labelled"
    ),
    "holdout16/033-obsidian-plugin-googlegenerativeai-400-empty-text-parameter.txt": (
        "the model id broken by spaces in the copied URL ('gemini-2.0-flash- exp')"
    ),
    "holdout11/038-chat-ui-bug-gemini-1-5-pro-002-429-with-30k-token-prompts-prose.txt": (
        "prose naming five model ids; which one failed is told only in words"
    ),
    "shapes27/001-kiss-translator-interactions-400-invalid-request-thinking-level.txt": (
        "the labelled model is not in the paste (the issue names it elsewhere)"
    ),
    "holdout8/034-prompt-app-troubleshooting-prose-429-google-ai-quota-exhausted.txt": (
        "prose naming the model switched from and the one switched to; the later one is taken"
    ),
}


def _rows() -> list[tuple[Path, dict[str, str]]]:
    rows = []
    for folder in LABELLED:
        with (folder / "labels.tsv").open(encoding="utf-8") as fh:
            rows += [(folder, row) for row in csv.DictReader(fh, delimiter="\t")]
    return rows


ROWS = _rows()


def _id(folder: Path, name: str) -> str:
    return f"{folder.name}/{name}"


def _marks(key: str, misses: dict[str, str]) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=misses[key])] if key in misses else []


def test_the_sets_are_all_here() -> None:
    assert len(LABELLED) >= 15 and len(ROWS) >= 850
    assert len(OTHERS) >= 5
    keys = {_id(folder, row["file"]) for folder, row in ROWS}
    assert set(KIND_MISSES) <= keys and set(MODEL_MISSES) <= keys
    assert set(CLAIM_MISSES) <= {
        f"{p.parent.name}/{p.name}" for folder in OTHERS for p in folder.glob("*.txt")
    }


@pytest.mark.parametrize(
    ("folder", "row"),
    [
        pytest.param(f, r, id=_id(f, r["file"])[:70], marks=_marks(_id(f, r["file"]), KIND_MISSES))
        for f, r in ROWS
    ],
)
def test_kind_and_retry(folder: Path, row: dict[str, str]) -> None:
    text = (folder / row["file"]).read_bytes().decode("utf-8", errors="replace")
    primary = explain(text, now=NOW)[0]
    kinds = {row["kind"]} | {k for k in row["also_ok"].split(",") if k not in ("", "-")}
    assert str(primary.kind) in kinds, primary.why
    assert primary.retry in {RETRY_OF[Kind(k)] for k in kinds}


@pytest.mark.parametrize(
    ("folder", "row"),
    [
        pytest.param(f, r, id=_id(f, r["file"])[:70], marks=_marks(_id(f, r["file"]), MODEL_MISSES))
        for f, r in ROWS
        if r["model"] not in ("", "-")
    ],
)
def test_model(folder: Path, row: dict[str, str]) -> None:
    text = (folder / row["file"]).read_bytes().decode("utf-8", errors="replace")
    primary = explain(text, now=NOW)[0]
    assert (primary.model or "").removeprefix("models/") == row["model"]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=_marks(f"{p.parent.name}/{p.name}", CLAIM_MISSES))
        for folder in OTHERS
        for p in sorted(folder.glob("*.txt"))
    ],
    ids=lambda p: f"{p.parent.name}/{p.name}"[:70],
)
def test_no_error_of_another_provider_is_claimed(path: Path) -> None:
    d = explain(path.read_bytes(), now=NOW)[0]
    assert d.kind == Kind.UNRECOGNIZED, f"{d.kind}: {d.why}"


def test_no_pasted_key_is_kept() -> None:
    """A key a user pasted is masked (``AIza`` + 35 × ``X``) before its paste joins a set."""
    key = re.compile(r"AIza[0-9A-Za-z_\-]{35}")
    found = [
        f"{path.parent.name}/{path.name}"
        for path in sorted(FIXTURES.glob("*/*.txt"))
        for match in key.finditer(path.read_text(encoding="utf-8", errors="replace"))
        if match.group(0) != "AIza" + "X" * 35
    ]
    assert found == []
