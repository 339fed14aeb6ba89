import { defineOtherCategories } from './support/define-category.ts';

await defineOtherCategories();
