import { useTranslation } from "react-i18next";

/** UN mechanism and SDG tags, translated (SDG-11.3 → "SDG target 11.3"). */
export function TagList({ tags, label }: { tags: string[]; label?: string }) {
  const { t } = useTranslation("learning");
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label={label ?? t("lesson.tags")}>
      {tags.map((tag) => {
        const sdg = /^SDG-(.+)$/.exec(tag);
        const text = sdg ? t(sdg[1].includes(".") ? "tags.sdg" : "tags.sdgGoal", { target: sdg[1] }) : t(`tags.${tag}`);
        return (
          <li key={tag} className="badge">
            {text}
          </li>
        );
      })}
    </ul>
  );
}
