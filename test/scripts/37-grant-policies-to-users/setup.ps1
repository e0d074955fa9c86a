New-CsSipDomain contoso.com | Out-Null
New-CsExternalAccessPolicy -Identity SalesAccessPolicy -EnableFederationAccess $true -EnableXmppAccess $true | Out-Null
New-CsExternalAccessPolicy -Identity BasicAccessPolicy -EnableFederationAccess $true | Out-Null
Enable-CsUser -Identity "Ken Myer" -SipAddress sip:kenmyer@contoso.com -RegistrarPool pool01.contoso.com
Enable-CsUser -Identity "Chris Smith" -SipAddress sip:chris.smith@contoso.com -RegistrarPool pool01.contoso.com
Enable-CsUser -Identity "Amy Smith" -SipAddress sip:amy.smith@contoso.com -RegistrarPool pool01.contoso.com
Enable-CsUser -Identity "Dan Park" -SipAddress sip:danpark@contoso.com -RegistrarPool pool01.contoso.com
