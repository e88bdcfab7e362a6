// Mantine's PostCSS preset: mixins (light/dark, rtl) and rem/em functions used by its styles.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
