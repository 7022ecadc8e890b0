// React components that the newsroom app and the server-rendered public pages both show.
export { RatingBadge } from "./RatingBadge";
