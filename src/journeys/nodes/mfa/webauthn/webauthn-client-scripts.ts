/**
 * The client scripts a WebAuthn node sends when `asScript` is on (AM's default), after the line
 * `var scriptContext = <metadata>`: they run the ceremony in a page that is not driven by the
 * ForgeRock SDK, write the answer into the hidden input `webAuthnOutcome` in the SDK's legacy form
 * (or `unsupported`, `ERROR::<name>:<message>`) and submit the form. The SDK itself never runs
 * them: it reads `scriptContext` and does the same.
 */

const COMMON = `function webAuthnBytes(b64){return Uint8Array.from(atob(b64),function(c){return c.charCodeAt(0);});}
function webAuthnList(buffer){return new Int8Array(buffer).toString();}
function webAuthnText(buffer){return new TextDecoder().decode(new Uint8Array(buffer));}
function webAuthnIds(list){return (list||[]).map(function(d){return {type:'public-key',id:new Int8Array(d.id).buffer};});}
function webAuthnDone(value){var input=document.getElementById('webAuthnOutcome');if(input){input.value=value;}var form=input&&input.form;var button=document.getElementById('loginButton_0');if(button){button.click();}else if(form){form.submit();}}
function webAuthnFail(e){webAuthnDone(e&&e.name==='NotSupportedError'?'unsupported':'ERROR::'+(e&&e.name)+':'+(e&&e.message));}`;

/** Registration: `navigator.credentials.create`. */
export const REGISTRATION_SCRIPT = `${COMMON}
if(!window.PublicKeyCredential){webAuthnDone('unsupported');}else{
navigator.credentials.create({publicKey:{challenge:webAuthnBytes(scriptContext.challenge),rp:Object.assign({name:scriptContext.relyingPartyName},scriptContext._relyingPartyId?{id:scriptContext._relyingPartyId}:{}),
user:{id:new TextEncoder().encode(scriptContext.userId),name:scriptContext.userName,displayName:scriptContext.displayName},pubKeyCredParams:scriptContext._pubKeyCredParams,
attestation:scriptContext.attestationPreference,timeout:Number(scriptContext.timeout),excludeCredentials:webAuthnIds(scriptContext._excludeCredentials),authenticatorSelection:scriptContext._authenticatorSelection}})
.then(function(c){webAuthnDone(webAuthnText(c.response.clientDataJSON)+'::'+webAuthnList(c.response.attestationObject)+'::'+c.id);},webAuthnFail);}`;

/** Authentication: `navigator.credentials.get`. */
export const AUTHENTICATION_SCRIPT = `${COMMON}
if(!window.PublicKeyCredential){webAuthnDone('unsupported');}else{
var webAuthnAllow=webAuthnIds(scriptContext._allowCredentials);
navigator.credentials.get({publicKey:Object.assign({challenge:webAuthnBytes(scriptContext.challenge),timeout:Number(scriptContext.timeout),userVerification:scriptContext.userVerification,rpId:scriptContext._relyingPartyId},webAuthnAllow.length?{allowCredentials:webAuthnAllow}:{})})
.then(function(c){var r=c.response;var out=webAuthnText(r.clientDataJSON)+'::'+webAuthnList(r.authenticatorData)+'::'+webAuthnList(r.signature)+'::'+c.id;if(r.userHandle){out+='::'+webAuthnText(r.userHandle);}webAuthnDone(out);},webAuthnFail);}`;
