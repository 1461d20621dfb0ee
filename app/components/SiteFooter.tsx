import { useTranslation } from "react-i18next";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.mission")}</p>
      <p>
        <a href="/about">{t("footer.about")}</a>
        {" · "}
        <a href="/verify">{t("footer.verify")}</a>
      </p>
    </footer>
  );
}
