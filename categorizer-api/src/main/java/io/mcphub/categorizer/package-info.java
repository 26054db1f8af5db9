package io.mcphub.categorizer;
