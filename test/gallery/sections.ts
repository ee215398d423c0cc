import type { GallerySection } from './gallery';
import { popoverSection } from './popover-section';

/** Everything `npm run screenshots` renders; the server's pages join as a second section. */
export const sections: readonly GallerySection[] = [popoverSection];
