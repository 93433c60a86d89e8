/**
 * The bindings as the script sees them, written in JavaScript and evaluated inside the sandbox
 * before the script: legacy (evaluator 1.0: `sharedState`, `transientState`, Java-style
 * `callbacks`, `Action`, `JavaImporter` and the callback classes) and next-generation (2.0:
 * `nodeState`, `callbacksBuilder`, `action`, `openidm`, `utils`, `systemEnv`), with what both
 * share (`httpClient`, `logger`, `requestHeaders`…).
 *
 * The core is a function of the one host function, the input JSON and a part loader; all three
 * stay in its closure, so the script never reaches them. It binds the state itself and returns the
 * collector that turns what the script did into the result JSON (`script-output.ts`). The other
 * bindings are parts (`BINDING_PARTS`), compiled only when the script first reads one of their
 * globals: parsing is most of a run's cost, and most scripts use few bindings.
 */

/** The core's source: a function expression `(host, inputJson, load) => collect`. */
export const BINDINGS_PRELUDE = String.raw`(function (host, inputJson, load) {
'use strict';
var G = globalThis;
var stringify = JSON.stringify, parse = JSON.parse;
var ownKeys = Object.keys, define = Object.defineProperty, hasOwnOf = Object.prototype.hasOwnProperty;
var isArray = Array.isArray;
function has(object, key) { return object !== null && (typeof object === 'object' || typeof object === 'function') && hasOwnOf.call(object, key); }
var input = parse(inputJson);
var legacy = input.version !== '2.0';
var shared = input.shared, transient = input.transient;
var sent = [];
var chosen = null;
var built = new WeakMap();
var specs = new WeakMap();
function call(op, args) {
  var answer = parse(host(op, stringify(args === undefined ? null : args)));
  if (has(answer, 'suspended')) throw new Error('suspended');
  if (has(answer, 'error')) { var error = new Error(String(answer.error)); error.code = answer.code; throw error; }
  return answer.ok;
}
function hidden(object, name, value) { define(object, name, { value: value, enumerable: false, writable: true, configurable: true }); }
function expose(name, value) { define(G, name, { value: value, enumerable: false, writable: true, configurable: true }); }
function text(value) { return value === undefined || value === null ? '' : String(value); }
function copy(value) { return value === undefined ? undefined : parse(stringify(value)); }
function javaList(list) {
  hidden(list, 'get', function (i) { return list[i] === undefined ? null : list[i]; });
  hidden(list, 'size', function () { return list.length; });
  hidden(list, 'isEmpty', function () { return list.length === 0; });
  hidden(list, 'contains', function (x) { return list.indexOf(x) >= 0; });
  hidden(list, 'add', function (x) { list.push(x); return true; });
  hidden(list, 'toArray', function () { return list.slice(); });
  hidden(list, 'iterator', function () { var i = 0; return { hasNext: function () { return i < list.length; }, next: function () { return list[i++]; } }; });
  return list;
}
function javaMap(data) {
  hidden(data, 'get', function (k) { return has(data, k) && data[k] !== undefined ? data[k] : null; });
  hidden(data, 'put', function (k, v) { var old = data.get(k); data[String(k)] = v; return old; });
  hidden(data, 'containsKey', function (k) { return has(data, k); });
  hidden(data, 'remove', function (k) { var old = data.get(k); delete data[k]; return old; });
  hidden(data, 'keySet', function () { return javaList(ownKeys(data)); });
  hidden(data, 'size', function () { return ownKeys(data).length; });
  hidden(data, 'isEmpty', function () { return ownKeys(data).length === 0; });
  return data;
}
var loaded = {};
var kit = {
  G: G, input: input, legacy: legacy, has: has, call: call, hidden: hidden, text: text, copy: copy, javaList: javaList, javaMap: javaMap,
  sent: sent, built: built, specs: specs, choose: function (payload) { chosen = payload; },
  part: function (name) { if (!has(loaded, name)) loaded[name] = load(name)(kit); return loaded[name]; },
};
function lazy(name, partName) {
  define(G, name, {
    enumerable: false, configurable: true,
    get: function () { var value = kit.part(partName)[name]; expose(name, value); return value; },
    set: function (value) { expose(name, value); },
  });
}

lazy('nodeState', 'nodeState');
function javaDeep(value) {
  if (isArray(value)) { value.forEach(javaDeep); return javaList(value); }
  if (value !== null && typeof value === 'object') { ownKeys(value).forEach(function (k) { javaDeep(value[k]); }); return javaMap(value); }
  return value;
}
if (legacy) { expose('sharedState', javaDeep(shared)); expose('transientState', javaDeep(transient)); }
expose('resumedFromSuspend', input.resumedFromSuspend);
expose('realm', input.realm);
if (has(input, 'properties') && input.properties !== null) expose('properties', input.properties);
if (has(input, 'values') && input.values !== null) ownKeys(input.values).forEach(function (name) { expose(name, input.values[name]); });
if (has(input, 'documents') && input.documents !== null) ownKeys(input.documents).forEach(function (name) { lazy(name, 'documents'); });
['requestHeaders', 'requestParameters', 'requestCookies', 'existingSession'].forEach(function (name) { lazy(name, 'request'); });
['logger', 'secrets', 'systemEnv', 'utils'].forEach(function (name) { lazy(name, 'util'); });
lazy('httpClient', 'http');
lazy('idRepository', 'identity');
lazy('callbacks', 'received');
if (legacy) {
  ['org', 'javax', 'com', 'java', 'Packages', 'JavaImporter'].forEach(function (name) { lazy(name, 'java'); });
} else {
  lazy('openidm', 'identity');
  lazy('callbacksBuilder', 'send');
  lazy('action', 'action');
}

return function collect(completion) {
  var result = { shared: shared, transient: transient, callbacks: sent };
  if (input.collectResult === true) { var value = kit.part('json').plain(completion); result.result = value === undefined ? null : value; }
  var picked = legacy ? (G.action !== null && typeof G.action === 'object' ? built.get(G.action) : undefined) : chosen;
  if (picked !== undefined && picked !== null) {
    if (picked.callbacks) result.callbacks = picked.callbacks;
    if (picked.outcome !== undefined) result.outcome = picked.outcome;
    ['header', 'description', 'stage', 'errorMessage'].forEach(function (k) { if (picked[k] !== undefined) result[k] = picked[k]; });
  } else if (G.outcome !== undefined && G.outcome !== null) {
    result.outcome = String(G.outcome);
  }
  if (G.auditEntryDetail !== undefined) result.auditEntryDetail = copy(G.auditEntryDetail);
  if (input.collectConfig === true && G.config !== undefined) result.config = copy(G.config);
  return stringify(result);
};
})`;

const HEAD = String.raw`'use strict';
var G = kit.G, input = kit.input, legacy = kit.legacy, has = kit.has, call = kit.call, hidden = kit.hidden, text = kit.text, copy = kit.copy;
var javaList = kit.javaList, javaMap = kit.javaMap, parse = JSON.parse, stringify = JSON.stringify, ownKeys = Object.keys, isArray = Array.isArray;
`;

function part(body: string): string {
  return `(function (kit) {\n${HEAD}${body}\n})`;
}

/** The parts, by name: each a function expression `(kit) => exports`, compiled on first use. */
export const BINDING_PARTS: Readonly<Record<string, string>> = Object.freeze({
  nodeState: part(String.raw`
var shared = input.shared, transient = input.transient, inputs = input.inputs, outputs = input.outputs;
function readable(k) { return legacy || inputs.indexOf('*') >= 0 || inputs.indexOf(k) >= 0; }
function writable(k) {
  if (legacy || outputs.indexOf('*') >= 0 || outputs.indexOf(k) >= 0) return;
  throw new Error('"' + k + '" is not one of the node\u2019s declared outputs');
}
function stateValue(k) {
  k = String(k);
  if (!readable(k)) return undefined;
  if (has(transient, k)) return transient[k];
  if (has(shared, k)) return shared[k];
  return undefined;
}
var nodeState = {
  get: function (k) { var v = stateValue(k); if (v === undefined) return null; return legacy ? kit.part('json').jsonValue(copy(v)) : copy(v); },
  getObject: function (k) { var v = stateValue(k); return v === undefined ? null : copy(v); },
  isDefined: function (k) { return stateValue(k) !== undefined; },
  keys: function () { var all = ownKeys(shared).concat(ownKeys(transient)).filter(readable); return javaList(all.filter(function (k, i) { return all.indexOf(k) === i; })); },
  putShared: function (k, v) { k = String(k); writable(k); shared[k] = copy(v); return nodeState; },
  putTransient: function (k, v) { k = String(k); writable(k); transient[k] = copy(v); return nodeState; },
  mergeShared: function (object) { var o = copy(object) || {}; ownKeys(o).forEach(function (k) { writable(k); shared[k] = o[k]; }); return nodeState; },
  mergeTransient: function (object) { var o = copy(object) || {}; ownKeys(o).forEach(function (k) { writable(k); transient[k] = o[k]; }); return nodeState; },
  remove: function (k) { k = String(k); writable(k); delete shared[k]; delete transient[k]; return nodeState; },
};
return { nodeState: nodeState };`),

  json: part(String.raw`
var inner = new WeakMap();
function unwrap(x) { return x !== null && typeof x === 'object' && inner.has(x) ? inner.get(x).value : x; }
function plain(x) {
  var v = unwrap(x);
  if (v === undefined || typeof v === 'function') return undefined;
  if (v === null || typeof v !== 'object') return v;
  if (isArray(v)) return v.map(function (item) { var p = plain(item); return p === undefined ? null : p; });
  var out = {};
  ownKeys(v).forEach(function (k) { var p = plain(v[k]); if (p !== undefined) out[k] = p; });
  return out;
}
function isObject(v) { return v !== null && typeof v === 'object' && !isArray(v); }
function jsonValue(given) {
  var box = { value: unwrap(given) };
  var j = {};
  inner.set(j, box);
  function v() { return box.value; }
  hidden(j, 'asString', function () { var x = v(); return x === undefined || x === null ? null : (typeof x === 'string' ? x : stringify(plain(x))); });
  hidden(j, 'asInteger', function () { var x = v(); return x === undefined || x === null ? null : Math.trunc(Number(x)); });
  hidden(j, 'asLong', function () { var x = v(); return x === undefined || x === null ? null : Math.trunc(Number(x)); });
  hidden(j, 'asDouble', function () { var x = v(); return x === undefined || x === null ? null : Number(x); });
  hidden(j, 'asBoolean', function () { var x = v(); return x === undefined || x === null ? null : (x === true || x === 'true'); });
  hidden(j, 'asList', function () { var x = v(); return isArray(x) ? javaList(plain(x)) : null; });
  hidden(j, 'asMap', function () { var x = v(); return isObject(x) ? javaMap(plain(x)) : null; });
  hidden(j, 'getObject', function () { return plain(v()); });
  hidden(j, 'isNull', function () { var x = v(); return x === undefined || x === null; });
  hidden(j, 'isNotNull', function () { var x = v(); return x !== undefined && x !== null; });
  hidden(j, 'isString', function () { return typeof v() === 'string'; });
  hidden(j, 'isNumber', function () { return typeof v() === 'number'; });
  hidden(j, 'isBoolean', function () { return typeof v() === 'boolean'; });
  hidden(j, 'isList', function () { return isArray(v()); });
  hidden(j, 'isMap', function () { return isObject(v()); });
  hidden(j, 'get', function (k) { var x = v(); return jsonValue(x !== null && typeof x === 'object' && has(x, k) ? x[k] : null); });
  hidden(j, 'isDefined', function (k) { return has(v(), k); });
  hidden(j, 'keys', function () { var x = v(); return javaList(isObject(x) ? ownKeys(x) : []); });
  hidden(j, 'size', function () { var x = v(); return isArray(x) ? x.length : (isObject(x) ? ownKeys(x).length : 0); });
  hidden(j, 'put', function (k, value) {
    var x = v();
    if (!isObject(x)) throw new Error('JsonValue.put needs an object');
    x[String(k)] = unwrap(value);
    return j;
  });
  hidden(j, 'add', function (a, b) {
    var x = v();
    if (isArray(x)) { x.push(unwrap(b === undefined ? a : b)); return j; }
    if (isObject(x)) { x[String(a)] = unwrap(b); return j; }
    throw new Error('JsonValue.add needs an object or a list');
  });
  hidden(j, 'remove', function (k) { var x = v(); if (isObject(x)) delete x[String(k)]; return j; });
  hidden(j, 'toString', function () { var x = v(); return x === undefined || x === null ? 'null' : (typeof x === 'string' ? x : stringify(plain(x))); });
  return j;
}
function JsonValue(value) { return jsonValue(value); }
hidden(JsonValue, '__name', 'JsonValue');
JsonValue.json = function (value) { return jsonValue(value); };
JsonValue.field = function (k, value) { return [String(k), unwrap(value)]; };
JsonValue.object = function () {
  var o = {};
  Array.prototype.forEach.call(arguments, function (f) { if (isArray(f) && f.length === 2) o[f[0]] = f[1]; });
  return o;
};
JsonValue.array = function () { return Array.prototype.map.call(arguments, unwrap); };
return { jsonValue: jsonValue, plain: plain, JsonValue: JsonValue };`),

  documents: part(String.raw`
var out = {};
ownKeys(input.documents).forEach(function (name) {
  var value = copy(input.documents[name]);
  out[name] = legacy ? kit.part('json').jsonValue(value) : (value !== null && typeof value === 'object' && !isArray(value) ? javaMap(value) : value);
});
return out;`),

  request: part(String.raw`
function multiMap(object) {
  var m = {};
  ownKeys(object).forEach(function (k) { m[k.toLowerCase()] = javaList(object[k].slice()); });
  javaMap(m);
  var plainGet = m.get;
  hidden(m, 'get', function (k) { return plainGet(String(k).toLowerCase()); });
  return m;
}
var parameters = {};
ownKeys(input.parameters).forEach(function (k) { parameters[k] = javaList(input.parameters[k].slice()); });
return {
  requestHeaders: multiMap(input.headers),
  requestParameters: javaMap(parameters),
  requestCookies: javaMap(input.cookies),
  existingSession: input.existingSession === null ? null : javaMap(input.existingSession),
  multiMap: multiMap,
};`),

  util: part(String.raw`
function logAt(level) { return function () { call('log', { level: level, message: Array.prototype.map.call(arguments, text).join(' ') }); }; }
var yes = function () { return true; };
var logger = {
  message: logAt('info'), info: logAt('info'), warning: logAt('warn'), warn: logAt('warn'), error: logAt('error'), debug: logAt('debug'), trace: logAt('debug'),
  messageEnabled: yes, warningEnabled: yes, errorEnabled: yes, isDebugEnabled: yes, isInfoEnabled: yes,
};
var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function bytesOf(b64) {
  var out = [], bits = 0, value = 0;
  for (var i = 0; i < b64.length; i++) {
    var digit = B64.indexOf(b64.charAt(i));
    if (digit < 0) continue;
    value = ((value << 6) | digit) & 0xffff; bits += 6;
    if (bits >= 8) { bits -= 8; out.push((value >> bits) & 255); }
  }
  return out;
}
var secretValues = {};
function genericSecret(label) {
  label = text(label);
  if (!has(secretValues, label)) {
    try { secretValues[label] = call('secrets.get', { id: label }).valueBase64; }
    catch (e) { if (e.code === 'NO_SUCH_SECRET') e.name = 'NoSuchSecretException'; throw e; }
  }
  var b64 = secretValues[label], secret = {};
  hidden(secret, 'getAsUtf8', function () { return call('base64.decode', { text: b64 }); });
  hidden(secret, 'getAsBytes', function () { return bytesOf(b64); });
  hidden(secret, 'toString', function () { return '[secret ' + label + ']'; });
  return secret;
}
var variables = input.variables;
function variable(name, fallback) {
  name = text(name);
  var dashed = name.replace(/\./g, '-'), dotted = name.replace(/-/g, '.');
  if (has(variables, name)) return variables[name];
  if (has(variables, dashed)) return variables[dashed];
  if (has(variables, dotted)) return variables[dotted];
  return fallback === undefined ? null : fallback;
}
var base64 = {
  encode: function (value) { return call('base64.encode', { text: text(value) }); },
  decode: function (value) { return call('base64.decode', { text: text(value) }); },
  encodeUrl: function (value) { return call('base64.encode', { text: text(value), url: true }); },
  decodeUrl: function (value) { return call('base64.decode', { text: text(value), url: true }); },
};
return {
  logger: logger,
  secrets: { getGenericSecret: genericSecret, getSecret: genericSecret },
  systemEnv: { getProperty: variable, get: variable },
  base64: base64,
  utils: {
    base64: base64,
    crypto: {
      randomUUID: function () { return call('random.uuid', {}); },
      getRandomValues: function (array) {
        var bytes = call('random.bytes', { length: Math.min(Number(array.length) || 0, 65536) });
        for (var i = 0; i < bytes.length; i++) array[i] = bytes[i];
        return array;
      },
    },
  },
};`),

  http: part(String.raw`
function response(answer) {
  var headers = answer.headers;
  return {
    status: answer.status, ok: answer.status >= 200 && answer.status < 300, headers: headers,
    text: function () { return answer.body; },
    json: function () { return parse(answer.body); },
    getStatus: function () { return { getCode: function () { return answer.status; }, toString: function () { return String(answer.status); } }; },
    getEntity: function () { return { getString: function () { return answer.body; }, getJson: function () { return parse(answer.body); }, toString: function () { return answer.body; } }; },
    getHeaders: function () { return kit.part('request').multiMap(headers); },
  };
}
function promised(thunk) {
  var settled = null;
  function run() { if (settled === null) { try { settled = { value: thunk() }; } catch (e) { settled = { error: e }; } } if (has(settled, 'error')) throw settled.error; return settled.value; }
  var p = {
    get: run, getOrThrow: run, getOrThrowUninterruptibly: run,
    then: function (ok, ko) { try { var v = run(); return promised(function () { return ok ? ok(v) : v; }); } catch (e) { if (ko) return promised(function () { return ko(e); }); throw e; } },
    catch: function (ko) { return p.then(null, ko); },
  };
  return p;
}
function headerObject(given) {
  var out = {};
  if (given === null || typeof given !== 'object') return out;
  ownKeys(given).forEach(function (k) { var v = given[k]; out[k] = isArray(v) ? v.map(text) : [text(v)]; });
  return out;
}
function send(url, options) {
  var o = options || {};
  var body = o.body;
  if (body !== undefined && body !== null && typeof body !== 'string') body = stringify(body);
  if (o.form && typeof o.form === 'object') body = ownKeys(o.form).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(text(o.form[k])); }).join('&');
  var args = { url: text(url), method: text(o.method || 'GET').toUpperCase(), headers: headerObject(o.headers), body: body === undefined || body === null ? null : body };
  return promised(function () { return response(call('http', args)); });
}
function Request() {
  var self = this, uri = '', method = 'GET', headers = {}, body = null;
  this.setUri = function (u) { uri = text(u); return self; };
  this.getUri = function () { return uri; };
  this.setMethod = function (m) { method = text(m); return self; };
  this.getMethod = function () { return method; };
  this.setEntity = function (e) { body = typeof e === 'string' ? e : stringify(e); return self; };
  this.getHeaders = function () { return { add: function (k, v) { headers[text(k)] = [text(v)]; }, put: function (k, v) { headers[text(k)] = [text(v)]; } }; };
  this.getEntity = function () { return { setString: function (s) { body = text(s); }, setJson: function (j) { body = stringify(j); }, getString: function () { return body; } }; };
  hidden(this, '__send', function () { return send(uri, { method: method, headers: headers, body: body }); });
}
return {
  Request: Request,
  httpClient: { send: function (request, options) { return request instanceof Request ? request.__send() : send(request, options); } },
};`),

  identity: part(String.raw`
return {
  idRepository: {
    getAttribute: function (user, name) { return javaList(call('idrepo.get', { user: text(user), attribute: text(name) })); },
    getAttributeValues: function (user, name) { return call('idrepo.get', { user: text(user), attribute: text(name) }); },
    setAttribute: function (user, name, values) { call('idrepo.set', { user: text(user), attribute: text(name), values: isArray(values) ? values.map(text) : [text(values)] }); },
    addAttribute: function (user, name, value) { call('idrepo.add', { user: text(user), attribute: text(name), value: text(value) }); },
  },
  openidm: {
    create: function (resource, id, content) { return call('idm.create', { resource: text(resource), id: id === null || id === undefined ? null : text(id), content: copy(content) || {} }); },
    read: function (resource) { return call('idm.read', { resource: text(resource) }); },
    update: function (resource, rev, content) { return call('idm.update', { resource: text(resource), content: copy(content) || {} }); },
    patch: function (resource, rev, operations) { return call('idm.patch', { resource: text(resource), operations: copy(operations) || [] }); },
    query: function (resource, params, fields) { return call('idm.query', { resource: text(resource), params: copy(params) || {}, fields: copy(fields) || [] }); },
    delete: function (resource) { return call('idm.delete', { resource: text(resource) }); },
  },
};`),

  received: part(String.raw`
var submitted = input.callbacks || [];
function charArray(value) {
  var chars = javaList(text(value).split(''));
  hidden(chars, 'toString', function () { return text(value); });
  return chars;
}
function received(c) {
  var out = {};
  c.output.forEach(function (o) { out[o.name] = o.value; });
  var value = c.inputs[''];
  var cb = { getType: function () { return c.type; }, getPrompt: function () { return out.prompt === undefined ? null : out.prompt; } };
  if (c.type === 'NameCallback') { cb.getName = function () { return text(value); }; cb.getDefaultName = function () { return text(out.defaultName); }; }
  else if (c.type === 'PasswordCallback') { cb.getPassword = function () { return charArray(value); }; cb.isEchoOn = function () { return false; }; }
  else if (c.type === 'TextInputCallback') { cb.getText = function () { return text(value); }; cb.getDefaultText = function () { return text(out.defaultText); }; }
  else if (c.type === 'ChoiceCallback') { cb.getSelectedIndexes = function () { return javaList([Number(value)]); }; cb.getChoices = function () { return javaList(copy(out.choices) || []); }; cb.getDefaultChoice = function () { return out.defaultChoice; }; }
  else if (c.type === 'ConfirmationCallback') { cb.getSelectedIndex = function () { return Number(value); }; cb.getOptions = function () { return javaList(copy(out.options) || []); }; }
  else if (c.type === 'HiddenValueCallback') { cb.getValue = function () { return text(value); }; cb.getId = function () { return text(out.id); }; }
  else if (c.type === 'TextOutputCallback') { cb.getMessage = function () { return text(out.message); }; cb.getMessageType = function () { return Number(out.messageType); }; }
  else { cb.getValue = function () { return copy(value); }; }
  return cb;
}
if (legacy) return { callbacks: javaList(submitted.map(received)) };
function main(c) { return c.inputs['']; }
function valuesOf(type, read) { return submitted.filter(function (c) { return c.type === type; }).map(read); }
return {
  callbacks: {
    isEmpty: function () { return submitted.length === 0; },
    getNameCallbacks: function () { return valuesOf('NameCallback', function (c) { return text(main(c)); }); },
    getPasswordCallbacks: function () { return valuesOf('PasswordCallback', function (c) { return text(main(c)); }); },
    getTextInputCallbacks: function () { return valuesOf('TextInputCallback', function (c) { return text(main(c)); }); },
    getChoiceCallbacks: function () { return valuesOf('ChoiceCallback', function (c) { return [Number(main(c))]; }); },
    getConfirmationCallbacks: function () { return valuesOf('ConfirmationCallback', function (c) { return Number(main(c)); }); },
    getHiddenValueCallbacks: function () {
      var byId = {};
      submitted.forEach(function (c) { if (c.type === 'HiddenValueCallback') { var id = c.output.filter(function (o) { return o.name === 'id'; })[0]; byId[id ? text(id.value) : ''] = text(main(c)); } });
      return byId;
    },
  },
};`),

  send: part(String.raw`
var confirmationOptions = { 0: ['Yes', 'No'], 1: ['Yes', 'No', 'Cancel'], 2: ['OK', 'Cancel'] };
function names(list) { return Array.prototype.map.call(list || [], text); }
function nameSpec(prompt, value) { return { type: 'NameCallback', prompt: text(prompt), value: text(value) }; }
function passwordSpec(prompt) { return { type: 'PasswordCallback', prompt: text(prompt) }; }
function textInputSpec(prompt, value) { return { type: 'TextInputCallback', prompt: text(prompt), defaultText: text(value) }; }
function textOutputSpec(messageType, message) { return { type: 'TextOutputCallback', messageType: Number(messageType) || 0, message: text(message) }; }
function choiceSpec(prompt, choices, defaultChoice, multiple) { return { type: 'ChoiceCallback', prompt: text(prompt), choices: names(choices), defaultChoice: Number(defaultChoice) || 0, multiple: multiple === true }; }
function confirmationSpec(a, b, c, d) {
  var prompt = '', messageType, options, optionType = -1, defaultOption;
  if (typeof a === 'string') { prompt = a; messageType = b; options = c; defaultOption = d; }
  else { messageType = a; if (typeof b === 'number') { optionType = b; options = confirmationOptions[b] || []; } else { options = b; } defaultOption = c; }
  return { type: 'ConfirmationCallback', prompt: prompt, messageType: Number(messageType) || 0, options: names(options), optionType: optionType, defaultOption: Number(defaultOption) || 0 };
}
function hiddenSpec(id, value) { return { type: 'HiddenValueCallback', id: text(id), value: text(value) }; }
function metadataSpec(data) { return { type: 'MetadataCallback', data: copy(data) || {} }; }
var sent = kit.sent;
function callbackClass(name, make, constants) {
  var C = function () { kit.specs.set(this, make.apply(null, arguments)); };
  hidden(C, '__name', name);
  ownKeys(constants || {}).forEach(function (k) { C[k] = constants[k]; });
  return C;
}
return {
  callbacksBuilder: {
    nameCallback: function (p, v) { sent.push(nameSpec(p, v)); },
    passwordCallback: function (p) { sent.push(passwordSpec(p)); },
    textInputCallback: function (p, v) { sent.push(textInputSpec(p, v)); },
    textOutputCallback: function (t, m) { sent.push(textOutputSpec(t, m)); },
    choiceCallback: function (p, c, d, m) { sent.push(choiceSpec(p, c, d, m)); },
    confirmationCallback: function (a, b, c, d) { sent.push(confirmationSpec(a, b, c, d)); },
    hiddenValueCallback: function (id, v) { sent.push(hiddenSpec(id, v)); },
    metadataCallback: function (d) { sent.push(metadataSpec(d)); },
  },
  classes: {
    'javax.security.auth.callback.NameCallback': callbackClass('NameCallback', nameSpec),
    'javax.security.auth.callback.PasswordCallback': callbackClass('PasswordCallback', passwordSpec),
    'javax.security.auth.callback.TextInputCallback': callbackClass('TextInputCallback', textInputSpec),
    'javax.security.auth.callback.TextOutputCallback': callbackClass('TextOutputCallback', textOutputSpec, { INFORMATION: 0, WARNING: 1, ERROR: 2 }),
    'javax.security.auth.callback.ChoiceCallback': callbackClass('ChoiceCallback', choiceSpec),
    'javax.security.auth.callback.ConfirmationCallback': callbackClass('ConfirmationCallback', confirmationSpec, { INFORMATION: 0, WARNING: 1, ERROR: 2, YES_NO_OPTION: 0, YES_NO_CANCEL_OPTION: 1, OK_CANCEL_OPTION: 2, YES: 0, NO: 1, CANCEL: 2, OK: 3 }),
    'com.sun.identity.authentication.callbacks.HiddenValueCallback': callbackClass('HiddenValueCallback', hiddenSpec),
    'com.sun.identity.authentication.spi.MetadataCallback': callbackClass('MetadataCallback', metadataSpec),
  },
};`),

  action: part(String.raw`
function builder(payload) {
  var b = {
    withHeader: function (h) { payload.header = text(h); return b; },
    withDescription: function (d) { payload.description = text(d); return b; },
    withStage: function (s) { payload.stage = text(s); return b; },
    withErrorMessage: function (m) { payload.errorMessage = text(m); return b; },
    putSessionProperty: function () { return b; },
    removeSessionProperty: function () { return b; },
    withIdentifiedIdentity: function () { return b; },
    withIdentifiedUser: function () { return b; },
    addNodeType: function () { return b; },
    build: function () { var done = {}; kit.built.set(done, payload); return done; },
  };
  return b;
}
function sendable(list) {
  var all = list.length === 1 && list[0] !== null && typeof list[0] === 'object' && typeof list[0].length === 'number' ? Array.prototype.slice.call(list[0]) : Array.prototype.slice.call(list);
  return all.map(function (cb) { var spec = kit.specs.get(cb); if (spec === undefined) throw new Error('Action.send takes callbacks made with their constructors'); return spec; });
}
var Action = {
  goTo: function (outcome) { return builder({ outcome: text(outcome) }); },
  send: function () { return builder({ callbacks: sendable(arguments) }); },
};
hidden(Action, '__name', 'Action');
return {
  Action: Action,
  action: { goTo: function (outcome) { var payload = { outcome: text(outcome) }; kit.choose(payload); return builder(payload); } },
};`),

  java: part(String.raw`
function JString(value) { return new String(text(value)); }
hidden(JString, '__name', 'String');
function ArrayList() { return javaList([]); }
hidden(ArrayList, '__name', 'ArrayList');
function HashMap() { return javaMap({}); }
hidden(HashMap, '__name', 'HashMap');
function named(value, name) { if (!has(value, '__name')) hidden(value, '__name', name); return value; }
function fromSend(path) { return function () { return kit.part('send').classes[path]; }; }
var classes = {
  'org.forgerock.openam.auth.node.api.Action': function () { return kit.part('action').Action; },
  'org.forgerock.http.protocol.Request': function () { return named(kit.part('http').Request, 'Request'); },
  'org.forgerock.json.JsonValue': function () { return kit.part('json').JsonValue; },
  'org.forgerock.util.encode.Base64': function () { var b = kit.part('util').base64; return named({ encode: b.encode, decode: b.decode }, 'Base64'); },
  'java.lang.String': function () { return JString; },
  'java.util.ArrayList': function () { return ArrayList; },
  'java.util.HashMap': function () { return HashMap; },
};
['javax.security.auth.callback.NameCallback', 'javax.security.auth.callback.PasswordCallback', 'javax.security.auth.callback.TextInputCallback',
  'javax.security.auth.callback.TextOutputCallback', 'javax.security.auth.callback.ChoiceCallback', 'javax.security.auth.callback.ConfirmationCallback',
  'com.sun.identity.authentication.callbacks.HiddenValueCallback', 'com.sun.identity.authentication.spi.MetadataCallback'].forEach(function (path) { classes[path] = fromSend(path); });
var roots = {};
ownKeys(classes).forEach(function (path) {
  var parts = path.split('.'), at = roots;
  for (var i = 0; i < parts.length - 1; i++) { if (!has(at, parts[i])) at[parts[i]] = {}; at = at[parts[i]]; }
  var get = classes[path], name = parts[parts.length - 1];
  Object.defineProperty(at, name, { enumerable: true, configurable: true, get: get });
});
function JavaImporter() {
  var scope = {};
  Array.prototype.forEach.call(arguments, function (item) {
    if (item === null || (typeof item !== 'object' && typeof item !== 'function')) return;
    if (has(item, '__name')) { scope[item.__name] = item; return; }
    ownKeys(item).forEach(function (k) { var v = item[k]; if (v !== null && (typeof v === 'object' || typeof v === 'function') && has(v, '__name')) scope[k] = v; });
  });
  return scope;
}
return { org: roots.org, javax: roots.javax, com: roots.com, java: roots.java, Packages: roots, JavaImporter: JavaImporter };`),
});
