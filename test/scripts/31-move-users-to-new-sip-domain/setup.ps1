New-CsSipDomain fabrikam.local | Out-Null
Enable-CsUser -Identity "Ken Myer" -SipAddress sip:kenmyer@fabrikam.local -RegistrarPool pool01.fabrikam.local
Enable-CsUser -Identity "Pilar Ackerman" -SipAddress pilar@fabrikam.local -RegistrarPool pool01.fabrikam.local
Enable-CsUser -Identity "Test User" -SipAddress sip:test@fabrikam.local
