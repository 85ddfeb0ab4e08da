import { readFileSync } from 'node:fs';

// Test support: the shipped Zabbix media-type script, run the way Zabbix runs it.

const SCRIPT = readFileSync(new URL('../../../../integrations/zabbix/yiwei-media-type.js', import.meta.url), 'utf8');

export interface Posted {
  url: string;
  headers: string[];
  body: unknown;
}

/** The shipped script's text. */
export const MEDIA_TYPE_SCRIPT = SCRIPT;

/** Runs the media-type script the way Zabbix does (as a function body of `value`), with a fake HttpRequest and Zabbix. */
export function runMediaType(params: Record<string, string>, answer = { status: 200, body: '{"accepted":1}' }): Posted[] {
  const posted: Posted[] = [];
  class FakeHttpRequest {
    private readonly headers: string[] = [];
    addHeader(h: string) {
      this.headers.push(h);
    }
    setProxy() {}
    post(url: string, data: string) {
      posted.push({ url, headers: this.headers, body: JSON.parse(data) });
      return answer.body;
    }
    getStatus() {
      return answer.status;
    }
  }
  const zabbix = { log: () => undefined };
  new Function('value', 'HttpRequest', 'Zabbix', SCRIPT)(JSON.stringify(params), FakeHttpRequest, zabbix);
  return posted;
}

