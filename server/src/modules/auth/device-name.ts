import Bowser from 'bowser';

export interface DeviceName {
  /** "Chrome on macOS", "Safari on iOS", "curl/8.4.0" or "Unknown device". */
  device: string;
  browser: string | null;
  os: string | null;
}

const UNKNOWN = 'Unknown device';
/** A bare product token such as `curl/8.4.0` or `python-requests/2.32`: shown as it is. */
const PRODUCT_TOKEN = /^[A-Za-z][\w.-]{0,30}\/[\w.-]{1,20}$/;

/** What a person recognises of a User-Agent header: the browser and the operating system (parsed by bowser). */
export function deviceName(userAgent: string | null): DeviceName {
  const ua = userAgent?.trim() ?? '';
  if (ua === '') return { device: UNKNOWN, browser: null, os: null };
  let browser: string | null = null;
  let os: string | null = null;
  try {
    const parsed = Bowser.parse(ua);
    browser = parsed.browser.name || null;
    os = parsed.os.name || null;
  } catch {
    // bowser refuses nothing but an empty string; an unparsable header is just an unknown device.
  }
  if (browser && os) return { device: `${browser} on ${os}`, browser, os };
  if (browser || os) return { device: (browser ?? os) as string, browser, os };
  const product = ua.split(' ')[0] ?? '';
  return { device: PRODUCT_TOKEN.test(product) ? product : UNKNOWN, browser, os };
}
