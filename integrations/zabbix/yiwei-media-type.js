/*
 * 医维 yiwei: Zabbix webhook media type script (Zabbix 6.0 and later).
 *
 * Zabbix runs this file as the body of a function, with `value` holding the media type's parameters as JSON, in its
 * Duktape engine (ECMAScript 5.1): hence `var`, no arrow functions and no template strings. It posts one JSON document
 * per notification to yiwei's inbound endpoint and throws on any answer that is not 2xx, so Zabbix retries the
 * alert ("Attempts" on the media type) and shows the error in Reports → Action log.
 *
 * It deliberately ends without a top-level `return`: Zabbix ignores a webhook's return value unless "Process tags" is
 * on (it is off), and a top-level return would stop this file from parsing as plain JavaScript in yiwei's lint and tests.
 *
 * Pairing: `eventId` is {EVENT.ID}. In problem, recovery and update notifications alike it is the ID of the *problem*
 * event (the recovery event has its own ID, {EVENT.RECOVERY.ID}, sent as `recoveryEventId`), so yiwei dedups all three
 * on `zabbix:<eventId>` and a recovery resolves exactly the alert its problem opened.
 */
/* global HttpRequest, Zabbix, value */
var YIWEI_PAYLOAD_VERSION = 1;

/** '' for empty values and for macros Zabbix left unresolved (it leaves "{EVENT.RECOVERY.DATE}" as is in a problem). */
function clean(text) {
    if (text === undefined || text === null) {
        return '';
    }
    var s = String(text).replace(/^\s+|\s+$/g, '');
    return /^\{[$A-Z0-9_.:"[\] ]+\}$/.test(s) ? '' : s;
}

function orNull(text) {
    var s = clean(text);
    return s === '' ? null : s;
}

/** {EVENT.DATE} "2026.10.01" + {EVENT.TIME} "08:30:00" + the Zabbix server's UTC offset → RFC 3339, or null. */
function zabbixTime(date, time, offset) {
    var d = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(clean(date));
    var t = /^(\d{2}):(\d{2}):(\d{2})$/.exec(clean(time));
    var o = clean(offset) || '+08:00';
    if (!d || !t) {
        return null;
    }
    if (!/^(Z|[+-]\d{2}:\d{2})$/.test(o)) {
        throw 'Parameter "time_zone_offset" must look like +08:00, got "' + o + '"';
    }
    return d[1] + '-' + d[2] + '-' + d[3] + 'T' + t[1] + ':' + t[2] + ':' + t[3] + o;
}

/** {EVENT.TAGSJSON} is a JSON array of {tag, value}; anything else yields no tags rather than a failed notification. */
function tagsOf(json) {
    var tags = [];
    var list;
    try {
        list = JSON.parse(clean(json) || '[]');
    }
    catch (error) {
        Zabbix.log(3, '[yiwei webhook] {EVENT.TAGSJSON} is not JSON, sending no tags: ' + error);
        return tags;
    }
    if (Object.prototype.toString.call(list) !== '[object Array]') {
        return tags;
    }
    for (var i = 0; i < list.length; i++) {
        if (list[i] && typeof list[i].tag === 'string' && list[i].tag !== '') {
            tags.push({ tag: list[i].tag, value: typeof list[i].value === 'string' ? list[i].value : '' });
        }
    }
    return tags;
}

/** {EVENT.VALUE} 0 = recovered; {EVENT.UPDATE.STATUS} 1 = an update (acknowledge, comment, severity change) of a problem. */
function statusOf(params) {
    if (clean(params.event_value) === '0') {
        return 'RESOLVED';
    }
    return clean(params.event_update_status) === '1' ? 'UPDATE' : 'PROBLEM';
}

function buildBody(params) {
    var eventId = clean(params.event_id);
    var triggerId = clean(params.trigger_id);
    var source = clean(params.event_source) || '0';
    if (source !== '0') {
        throw 'Only trigger events are supported ({EVENT.SOURCE} = 0), got ' + source + '; check the action\'s event source';
    }
    if (!/^\d+$/.test(eventId)) {
        throw 'Parameter "event_id" must be {EVENT.ID}, got "' + params.event_id + '"';
    }
    var severity = parseInt(clean(params.event_nseverity), 10);
    if (isNaN(severity) || severity < 0 || severity > 5) {
        throw 'Parameter "event_nseverity" must be {EVENT.NSEVERITY} (0-5), got "' + params.event_nseverity + '"';
    }
    var status = statusOf(params);
    var zabbixUrl = clean(params.zabbix_url).replace(/\/+$/, '');
    var update = null;
    if (status === 'UPDATE') {
        update = { action: clean(params.event_update_action), message: clean(params.event_update_message) };
    }
    return {
        version: YIWEI_PAYLOAD_VERSION,
        eventId: eventId,
        recoveryEventId: status === 'RESOLVED' ? orNull(params.event_recovery_id) : null,
        triggerId: orNull(triggerId),
        status: status,
        severity: severity,
        name: clean(params.event_name) || clean(params.trigger_name) || ('Zabbix event ' + eventId),
        opdata: clean(params.event_opdata),
        description: clean(params.trigger_description),
        host: orNull(params.host_host),
        hostName: orNull(params.host_name),
        hostIp: orNull(params.host_ip),
        tags: tagsOf(params.event_tags_json),
        startedAt: zabbixTime(params.event_date, params.event_time, params.time_zone_offset),
        resolvedAt: status === 'RESOLVED'
            ? zabbixTime(params.event_recovery_date, params.event_recovery_time, params.time_zone_offset)
            : null,
        update: update,
        url: zabbixUrl !== '' && triggerId !== ''
            ? zabbixUrl + '/tr_events.php?triggerid=' + encodeURIComponent(triggerId) + '&eventid=' + encodeURIComponent(eventId)
            : null
    };
}

function send(params, body) {
    var url = clean(params.yiwei_url);
    var token = clean(params.token);
    if (!/^https?:\/\/.+/.test(url)) {
        throw 'Parameter "yiwei_url" must be the https URL of /api/alerts/inbound/<integration id> shown in yiwei, got "' + url + '"';
    }
    if (token === '') {
        throw 'The user media "Send to" must hold the yiwei API token ({ALERT.SENDTO} is empty)';
    }
    var request = new HttpRequest();
    if (clean(params.http_proxy) !== '') {
        request.setProxy(clean(params.http_proxy));
    }
    request.addHeader('Content-Type: application/json');
    request.addHeader('Authorization: Bearer ' + token);
    // The token is never logged: Zabbix's log is readable by more people than yiwei's API tokens should be.
    Zabbix.log(4, '[yiwei webhook] POST ' + url + ' event ' + body.eventId + ' ' + body.status);
    var response = request.post(url, JSON.stringify(body));
    var status = request.getStatus();
    if (status < 200 || status >= 300) {
        throw 'yiwei answered HTTP ' + status + ': ' + String(response || '').substring(0, 300);
    }
    Zabbix.log(4, '[yiwei webhook] accepted event ' + body.eventId + ' with HTTP ' + status);
}

try {
    var yiweiParams = JSON.parse(value);
    send(yiweiParams, buildBody(yiweiParams));
}
catch (error) {
    Zabbix.log(3, '[yiwei webhook] notification failed: ' + error);
    throw 'yiwei notification failed: ' + error;
}
