import { readStackConfig } from "./program/config";
import { mission } from "./program/mission";

export = mission(readStackConfig());
