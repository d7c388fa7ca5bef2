// Chart.js for the screens that draw charts: the UMD build from the chart.js WebJar (index.html loads it before the
// console's modules; it registers every chart type, scale and plugin itself).
export const { Chart } = window;
