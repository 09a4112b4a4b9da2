import { addMessages } from '../../../i18n';
import { careSharedEn, careSharedZh } from '../../../locales/care';

// the care phone pages' words (and the vocabularies' labels), added once by whichever page loads first
addMessages({ 'zh-CN': careSharedZh, en: careSharedEn });
