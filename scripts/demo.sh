#!/usr/bin/env bash
# The cmdlets at work on a throw-away demo store: what `npm run demo` shows a Lync admin.
set -euo pipefail
cd "$(dirname "$0")/.."
export CSXMPP_STORE="${CSXMPP_STORE:-$(mktemp -d)/store.json}"
csxmpp() { node bin/run.js "$@"; }
step() { printf '\n\033[1mPS> %s\033[0m\n' "$*"; }

echo "Demo store: $CSXMPP_STORE (set CSXMPP_STORE to use another)"
step "Set-CsAccessEdgeConfiguration -AllowFederatedUsers \$True   (step one of every Lync XMPP guide: a fresh store does not federate)"
csxmpp Set-CsAccessEdgeConfiguration -AllowFederatedUsers '$True'
step "New-CsSipDomain litwareinc.com"
csxmpp New-CsSipDomain litwareinc.com
step "Enable-CsUser 'Ken Myer' -SipAddress sip:kenmyer@litwareinc.com"
csxmpp Enable-CsUser 'Ken Myer' -SipAddress sip:kenmyer@litwareinc.com
step "New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess \$true -EnableXmppAccess \$true"
csxmpp New-CsExternalAccessPolicy -Identity FedPic -EnableFederationAccess '$true' -EnableXmppAccess '$true'
step "Grant-CsExternalAccessPolicy -Identity 'Ken Myer' -PolicyName FedPic -PassThru"
csxmpp Grant-CsExternalAccessPolicy -Identity 'Ken Myer' -PolicyName FedPic -PassThru
step "New-CsXmppAllowedPartner gmail.com -TlsNegotiation NotSupported -SaslNegotiation NotSupported -EnableKeepAlive \$false"
csxmpp New-CsXmppAllowedPartner gmail.com -TlsNegotiation NotSupported -SaslNegotiation NotSupported -EnableKeepAlive '$false'
step "New-CsXmppAllowedPartner jabber.org -Verbose   (Lync's defaults, matrix row 1: no warning, a VERBOSE note)"
csxmpp New-CsXmppAllowedPartner jabber.org -Verbose
step "Set-CsXmppAllowedPartner jabber.org -TlsNeg Required -Sasl Optional -AdditionalDomains @{Add=\"conference.jabber.org\"}"
csxmpp Set-CsXmppAllowedPartner jabber.org -TlsNeg Required -Sasl Optional -AdditionalDomains '@{Add="conference.jabber.org"}'
step "Set-CsXmppAllowedPartner jabber.org -SaslNegotiation NotSupported -SupportDialbackNegotiation \$false   (refused: no method left)"
csxmpp Set-CsXmppAllowedPartner jabber.org -SaslNegotiation NotSupported -SupportDialbackNegotiation '$false' || echo "(exit code $?)"
step "Get-CsXmppAllowedPartner -Filter '*.org'"
csxmpp Get-CsXmppAllowedPartner -Filter '*.org'
step "Set-CsXmppGatewayConfiguration -ConnectionLimit 1200; Get-CsXmppGatewayConfiguration"
csxmpp Set-CsXmppGatewayConfiguration -ConnectionLimit 1200
csxmpp Get-CsXmppGatewayConfiguration
step "Get-CsExternalAccessPolicy --json"
csxmpp Get-CsExternalAccessPolicy --json
step "A legacy script: -Command with a pipeline, a calculated property and a table"
csxmpp -Command 'Get-CsXmppAllowedPartner | Select-Object Identity, PartnerType, @{n = "Domains"; e = { $_.AdditionalDomains.Count }} | Format-Table'
step "Migration: Import-Clixml examples/lync2013/partners.xml | Set-CsXmppAllowedPartner   (a Lync 2013 export, UTF-16)"
csxmpp -Command 'Import-Clixml examples/lync2013/partners.xml | Set-CsXmppAllowedPartner; (Get-CsXmppAllowedPartner).Identity'
step "Outside the subset: nothing runs, and the error names the construct and its line"
printf 'Remove-CsXmppAllowedPartner gmail.com -Confirm:$false\nswitch ($x) { default { } }\n' | csxmpp || echo "(exit code $?)"
echo
echo "Next: 'node bin/run.js help' lists the cmdlets; 'node bin/run.js help Set-CsXmppAllowedPartner' explains one;"
echo "'node bin/run.js' on a terminal opens the interactive shell."
