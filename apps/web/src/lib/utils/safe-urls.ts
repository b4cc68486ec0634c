/** The URLs the app lets into rendered content (SECURITY.md §4); shared by the sanitizer and components. */

/** Link and image targets allowed in rendered markdown. */
export const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|\/api\/uploads\/|\/api\/images\/|#)/i;

/** Images that may load inline: the server's own uploads and generated images. */
export const SAME_ORIGIN_IMAGE = /^\/api\/(?:uploads|images)\/[A-Za-z0-9_-]+$/;
