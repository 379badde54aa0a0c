#!/usr/bin/env bash
# Loads the Al Qouriyah massacre (SNHR, Deir Ez-Zour, 25 June 2016) into a running local stack
# (deploy/run-local.sh): the area's control, both strikes with their link, Abu Ahmad's testimony, the legal
# qualification, the 62 killed and 30 injured as synthetic named records (the report publishes no names), the
# figures SNHR reported, the report's file as evidence and the report citing both strikes. Then it shows the
# incident's casualty summary, which incident-service received from casualty-service's events.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_dir="${SHAHED_DATA_DIR:-$here/../../.shahed-data}"
# Through the gateway, as clients do.
incidents="${SHAHED_GATEWAY_URL:-http://127.0.0.1:8080}"
casualties="$incidents"
# shellcheck disable=SC1091
source "$data_dir/tokens.env"

call() { # method url token [curl args...]
  local method=$1 url=$2 token=$3
  shift 3
  curl -sS --fail-with-body -X "$method" -H "Authorization: Bearer $token" "$@" "$url"
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

echo "Area control: ISIS in Al Mayadin district since July 2014"
call POST "$incidents/api/v1/area-control" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
  -d '{"areaPcode": "SY0903", "party": "isis", "validFrom": "2014-07-01", "validTo": "2017-10-31",
       "source": "SNHR: the city has been under the control of ISIS since July 2014"}' >/dev/null || true

first=$(call POST "$incidents/api/v1/incidents" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
  --data-binary @"$here/first-strike.json" | json "['id']")
second=$(call POST "$incidents/api/v1/incidents" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
  --data-binary @"$here/second-strike.json" | json "['id']")
echo "Incidents: first strike $first, second strike $second"

# incident-service proposes a follow-up-strike link between strikes close in place and time: confirm the one
# between these two (other strikes nearby may have proposals of their own), or record it if none was proposed.
link=$(call GET "$incidents/api/v1/incidents/$second/links" "$SHAHED_TOKEN_ANALYST" \
  | python3 -c "import json,sys; print(next((l['id'] for l in json.load(sys.stdin)['items'] if l['fromIncident']=='$first' and l['toIncident']=='$second'), ''))")
if [[ -n $link ]]; then
  call PATCH "$incidents/api/v1/incidents/$second/links/$link" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
    -d '{"status": "confirmed", "firstRespondersHarmed": true, "note": "Double-tap: residents and paramedics hit"}' >/dev/null
  echo "Confirmed the proposed follow-up-strike link (double-tap)"
else
  call POST "$incidents/api/v1/incidents/$first/links" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
    -d '{"toIncident": "'"$second"'", "type": "follow-up-strike", "intervalMinutes": 10, "firstRespondersHarmed": true,
         "note": "Double-tap: residents and paramedics hit"}' >/dev/null
  echo "Recorded the follow-up-strike link (double-tap)"
fi

testimony=$(call POST "$incidents/api/v1/incidents/$first/testimonies" "$SHAHED_TOKEN_ANALYST" \
  -H 'Content-Type: application/json' --data-binary @"$here/testimony-abu-ahmad.json" | json "['id']")
qualification=$(call POST "$incidents/api/v1/incidents/$first/legal-qualifications" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
  -d '{"instrument": "rome-statute-art-8", "provision": "8(2)(c)(i)", "conflictClassification": "non-international",
       "elements": [{"element": "The perpetrator killed one or more persons", "established": true,
                     "evidence": [{"kind": "testimony", "id": "'"$testimony"'"}, {"kind": "claim", "claimId": "claim-four-missiles"}]},
                    {"element": "The persons were civilians", "established": true,
                     "evidence": [{"kind": "claim", "claimId": "claim-no-isis"}]}],
       "standardOfProof": "reasonable-grounds",
       "conclusion": {"en": "Wilful killing of civilians in a non-international armed conflict: a war crime."}}' | json "['id']")
echo "Testimony of Abu Ahmad (identity protected) and the legal qualification recorded"

for incident in "$first" "$second"; do
  for action in review verify publish; do
    token=$SHAHED_TOKEN_REVIEWER
    [[ $action == review ]] && token=$SHAHED_TOKEN_ANALYST
    call POST "$incidents/api/v1/incidents/$incident/$action" "$token" >/dev/null
  done
done
echo "Both strikes published"

csv=$(mktemp)
{
  echo "source_system,external_id,incident_id,full_name_latin,sex,age_years,age_group,outcome,status,date,date_precision,admin_pcodes,cause,documentation_level,consent_publish_name"
  for i in $(seq 1 30); do echo "demo,aq-$i,$first,Synthetic Child $i,$([ $((i % 2)) = 0 ] && echo female || echo male),$((2 + i % 15)),,killed,civilian,2016-06-25,day,SY09;SY0903,airstrike,corroborated,false"; done
  for i in $(seq 31 50); do echo "demo,aq-$i,$first,Synthetic Woman $i,female,$((20 + i % 40)),,killed,civilian,2016-06-25,day,SY09;SY0903,airstrike,corroborated,false"; done
  for i in $(seq 51 62); do echo "demo,aq-$i,$first,Synthetic Man $i,male,$((20 + i % 40)),,killed,civilian,2016-06-25,day,SY09;SY0903,airstrike,corroborated,false"; done
  for i in $(seq 63 92); do echo "demo,aq-$i,$first,Synthetic Injured $i,unknown,,adult,injured,civilian,2016-06-25,day,SY09;SY0903,airstrike,reported,false"; done
} > "$csv"
job=$(call POST "$casualties/api/v1/casualty-imports" "$SHAHED_TOKEN_INGEST" -H 'Content-Type: text/csv' \
  -H "Idempotency-Key: demo-al-qouriyah-$first" --data-binary @"$csv" | json "['id']")
rm -f "$csv"
until call GET "$casualties/api/v1/casualty-imports/$job" "$SHAHED_TOKEN_INGEST" | grep -q '"status":"completed"'; do sleep 0.5; done
call POST "$casualties/api/v1/casualty-counts/$first/reported" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
  -d '{"source": "SNHR report on the Al Qouriyah massacre", "asOf": "2016-06-27",
       "figures": {"killed": {"min": 62, "max": 62}, "children": {"min": 30, "max": 30}, "women": {"min": 20, "max": 20}, "injured": {"min": 30, "max": 30}}}' >/dev/null
echo "Imported 92 synthetic casualty records and SNHR's reported figures"

# The report itself as evidence: uploaded with its hash, linked to the first strike, its custody chain checked.
report=$(mktemp)
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\ntrailer << /Root 1 0 R >>\n%% SNHR: Al Qouriyah massacre, 25 June 2016 (demo copy)\n%%%%EOF\n' > "$report"
media=$(call POST "$incidents/api/v1/media" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/pdf' \
  -H 'X-File-Name: snhr-al-qouriyah-report.pdf' -H "X-Content-SHA256: $(sha256sum "$report" | cut -d' ' -f1)" \
  -H 'X-Acquisition-Method: downloaded' -H 'X-Source-Url: https://snhr.org/' --data-binary @"$report" | json "['id']")
rm -f "$report"
for _ in $(seq 1 50); do # media-service learns of the incident from its events
  call POST "$incidents/api/v1/media/$media/links" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
    -d '{"targetType": "incident", "targetId": "'"$first"'", "reason": "SNHR report documenting the strike"}' \
    >/dev/null 2>&1 && break
  sleep 0.2
done
intact=$(call GET "$incidents/api/v1/media/$media/custody" "$SHAHED_TOKEN_REVIEWER" | json "['check']['intact']")
echo "Report uploaded as evidence $media, linked to the first strike; custody chain intact: $intact"
# A public document: cleared for sharing with partners (with the version read, as every change asks).
etag=$(curl -sS --fail-with-body -o /dev/null -D - -H "Authorization: Bearer $SHAHED_TOKEN_REVIEWER" \
  "$incidents/api/v1/media/$media" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
call PUT "$incidents/api/v1/media/$media/sensitivity" "$SHAHED_TOKEN_REVIEWER" -H 'Content-Type: application/json' \
  -H "If-Match: $etag" \
  -d '{"graphic": false, "protectedPersonsVisible": false, "consent": "not-needed", "clearedForSharing": true}' >/dev/null
echo "Report file cleared for sharing with partners"

report_id=$(call POST "$incidents/api/v1/reports" "$SHAHED_TOKEN_ANALYST" -H 'Content-Type: application/json' \
  -d '{"title": {"en": "Russian Forces are Killing Civilians in ISIS-held Areas: the Massacre of Al Qouriyah",
                 "ar": "القوات الروسية تقتل المدنيين في مناطق سيطرة تنظيم داعش: مجزرة القورية"},
       "incidentIds": ["'"$first"'", "'"$second"'"],
       "conclusions": [{"text": {"en": "Violations of UN Security Council resolutions 2139 and 2254 and of article 8 of the Rome Statute"},
                        "qualificationIds": ["'"$qualification"'"]}],
       "recommendations": [
         {"addressee": "un-security-council", "text": {"en": "Refer the Syrian case to the International Criminal Court"}},
         {"addressee": "ohchr", "text": {"en": "Report on this massacre to the Human Rights Council"}}]}' | json "['id']")
call POST "$incidents/api/v1/reports/$report_id/publish" "$SHAHED_TOKEN_REVIEWER" >/dev/null
echo "SNHR's report published, citing both strikes and the qualification"

for _ in $(seq 1 50); do
  summary=$(call GET "$incidents/api/v1/incidents/$first" "$SHAHED_TOKEN_PARTNER" | json ".get('casualtySummary')")
  [[ $summary != None ]] && break
  sleep 0.2
done
echo "Casualty summary on the incident (from casualty-service's events): $summary"
echo "Partners see it at $incidents/api/v1/incidents/$first"
echo "The whole case: $incidents/api/v1/incidents/$first/dossier (signed packet: .../dossier/packet, check it with ./shahed verify)"
