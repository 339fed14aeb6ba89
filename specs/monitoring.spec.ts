import { defineCategory } from './support/define-category.ts';

defineCategory('monitoring');
