import { describe, expect, it } from 'vitest';
import { base64ErrorOffset, decodeGo } from './go-decode.ts';
import { parseGoJson } from './go-json.ts';
import { formatGoTime, parseGoDuration } from './go-time.ts';
import { CHAT_REQUEST } from './request-types.ts';

const syntaxError = (text: string) => {
  const result = parseGoJson(text);
  return result.ok ? 'ok' : result.message;
};

describe('parseGoJson', () => {
  it('reports syntax errors with Go scanner wording', () => {
    expect(syntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(syntaxError('{"a":1 "b":2}')).toBe(`invalid character '"' after object key:value pair`);
    expect(syntaxError('[1,]')).toBe("invalid character ']' looking for beginning of value");
    expect(syntaxError('"a\nb"')).toBe("invalid character '\\n' in string literal");
    expect(syntaxError('"\\x"')).toBe("invalid character 'x' in string escape code");
    expect(syntaxError('-x')).toBe("invalid character 'x' in numeric literal");
    expect(syntaxError('1.e')).toBe("invalid character 'e' after decimal point in numeric literal");
    expect(syntaxError("'a'")).toBe("invalid character '\\'' looking for beginning of value");
    expect(syntaxError('{"a":')).toBe('unexpected EOF');
  });

  it('reads only the first value, as json.Decoder does', () => {
    expect(syntaxError('{"a":1} trailing')).toBe('ok');
  });
});

describe('decodeGo', () => {
  it('keeps the first type error but lets a custom unmarshaller error win', () => {
    const result = decodeGo('{"model":1,"stream":"x","keep_alive":{}}', CHAT_REQUEST);
    expect(result).toEqual({ ok: false, empty: false, message: "unsupported duration type: 'map[string]interface {}'" });
    const typeOnly = decodeGo('{"model":1,"stream":"x"}', CHAT_REQUEST);
    expect(typeOnly).toMatchObject({ message: 'json: cannot unmarshal number into Go struct field ChatRequest.model of type string' });
  });

  it('treats null as unset and decodes tool call arguments as an object', () => {
    const result = decodeGo<Record<string, unknown>>(
      '{"model":null,"messages":[{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{"b":1,"a":2}}}]}]}',
      CHAT_REQUEST,
    );
    expect(result).toEqual({ ok: true, value: { messages: [{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: { b: 1, a: 2 } } }] }] } });
    const stringArguments = decodeGo('{"messages":[{"tool_calls":[{"function":{"arguments":"{}"}}]}]}', CHAT_REQUEST);
    expect(stringArguments).toMatchObject({
      message: 'json: cannot unmarshal string into Go struct field ToolCallFunction.messages.tool_calls.function.arguments of type api.ToolCallFunctionArguments',
    });
  });
});

describe('Go helpers', () => {
  it('validates base64 like base64.StdEncoding', () => {
    expect(base64ErrorOffset('aGVsbG8=')).toBeNull();
    expect(base64ErrorOffset('aGVsbG8')).toBe(4);
    expect(base64ErrorOffset('data:image/png;base64,AAAA')).toBe(4);
  });

  it('parses Go durations into milliseconds', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('-1m')).toBe(-60_000);
    expect(() => parseGoDuration('')).toThrow('time: invalid duration ""');
  });

  it('formats times as RFC 3339 with trimmed nanoseconds', () => {
    expect(formatGoTime(Date.UTC(2025, 6, 7, 20, 22, 19, 190), { subMsNanos: 140_000 })).toBe('2025-07-07T20:22:19.19014Z');
    expect(formatGoTime(Date.UTC(2025, 6, 7, 20, 22, 19))).toBe('2025-07-07T20:22:19Z');
  });
});
