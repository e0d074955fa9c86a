New-CsSipDomain litwareinc.com | Out-Null
Set-CsExternalAccessPolicy -Identity Global -EnableFederationAccess $true -EnableXmppAccess $true
New-CsExternalAccessPolicy -Identity site:Redmond -EnableXmppAccess $true | Out-Null
New-CsExternalAccessPolicy -Identity site:Dublin | Out-Null
New-CsExternalAccessPolicy -Identity RedmondAccessPolicy -EnableFederationAccess $true -EnableXmppAccess $true | Out-Null
Enable-CsUser -Identity "Ken Myer" -SipAddress sip:kenmyer@litwareinc.com -Site Redmond
Enable-CsUser -Identity "Pilar Ackerman" -SipAddress sip:pilar@litwareinc.com -Site Redmond
Grant-CsExternalAccessPolicy -Identity "Ken Myer" -PolicyName RedmondAccessPolicy
Grant-CsExternalAccessPolicy -Identity "Pilar Ackerman" -PolicyName RedmondAccessPolicy
