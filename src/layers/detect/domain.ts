/**
 * Host matching for allow/block lists (`*.example.com` matches the apex and every subdomain; matching is
 * case-insensitive and ignores a trailing dot; an IP matches only itself) and the registrable domain
 * (eTLD+1) used to key rate limits.
 */
import { ipFamily } from "./ip.ts"

const clean = (h: string) => h.toLowerCase().replace(/\.$/, "").replace(/^\[|\]$/g, "")

export const matchDomain = (host: string, pattern: string): boolean => {
  const h = clean(host)
  const p = clean(pattern)
  if (p === "" || h === "") return false
  if (ipFamily(h) !== 0 || ipFamily(p) !== 0) return h === p
  if (p.startsWith("*.")) {
    const apex = p.slice(2)
    return h === apex || h.endsWith(`.${apex}`)
  }
  return h === p
}

export const matchesAny = (host: string, patterns: ReadonlyArray<string>): boolean => patterns.some((p) => matchDomain(host, p))

/**
 * Public suffixes with more than one label that matter in practice (a short list, not the full Public
 * Suffix List: an unknown multi-label suffix makes the registrable domain one label too short, which only
 * widens a rate-limit bucket).
 */
const MULTI_LABEL_SUFFIXES = new Set([
  "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "com.au", "net.au", "org.au", "edu.au", "gov.au",
  "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "co.kr", "or.kr", "com.br", "net.br", "org.br", "com.cn", "net.cn",
  "org.cn", "com.hk", "com.sg", "com.tw", "co.in", "net.in", "org.in", "com.mx", "com.ar", "com.tr", "co.za", "co.il",
  "com.pl", "com.ua", "co.id", "com.my", "com.ph", "com.vn", "com.sa", "com.eg", "github.io", "gitlab.io", "herokuapp.com",
  "vercel.app", "netlify.app", "pages.dev", "workers.dev", "appspot.com", "cloudfront.net", "azurewebsites.net",
  "blob.core.windows.net", "s3.amazonaws.com", "compute.amazonaws.com", "elb.amazonaws.com", "fly.dev", "onrender.com",
  "ngrok.io", "ngrok-free.app", "trycloudflare.com"
])

/** The registrable domain (eTLD+1) of a host; an IP is its own. */
export const registrableDomain = (host: string): string => {
  const h = clean(host)
  if (ipFamily(h) !== 0) return h
  const labels = h.split(".")
  if (labels.length <= 2) return h
  for (let n = 3; n <= 4 && n <= labels.length; n++) {
    if (MULTI_LABEL_SUFFIXES.has(labels.slice(-(n - 1)).join("."))) return labels.slice(-n).join(".")
  }
  return labels.slice(-2).join(".")
}

/** How many labels of a host belong to its registrable domain. */
export const registrableLabels = (host: string): number => registrableDomain(host).split(".").length
