// Dates and numbers in the reader's language (Arabic digits, Chinese date order, …).
export function formatDate(value: string | Date, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options }).format(new Date(value));
}

export function formatNumber(value: number, locale: string) {
  return new Intl.NumberFormat(locale).format(value);
}
