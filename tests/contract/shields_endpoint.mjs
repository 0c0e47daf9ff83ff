// Validates shields.io endpoint-badge bodies with Joi, the library shields.io itself validates
// them with, against the schema its documentation gives (https://shields.io/badges/endpoint-badge):
// strict, so an unknown key is refused as shields.io refuses it.
// Reads a JSON array of bodies on stdin; writes a JSON array of error messages (null if valid).
import Joi from "joi";

const whenLogo = (type) =>
  Joi.alternatives()
    .conditional("namedLogo", { is: Joi.string().required(), then: type })
    .conditional("logoSvg", { is: Joi.string().required(), then: type });

const endpointBadge = Joi.object({
  schemaVersion: Joi.number().valid(1).required(),
  label: Joi.string().allow("").required(),
  message: Joi.string().required(),
  color: Joi.string(),
  labelColor: Joi.string(),
  isError: Joi.boolean(),
  namedLogo: Joi.string(),
  logoSvg: Joi.string(),
  logoColor: whenLogo(Joi.string()),
  logoSize: whenLogo(Joi.string()),
  style: Joi.string(),
  cacheSeconds: Joi.number().integer().min(0),
})
  .oxor("namedLogo", "logoSvg")
  .required();

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map((body) => {
  const { error } = endpointBadge.validate(body, { allowUnknown: false });
  return error ? error.message : null;
});
process.stdout.write(JSON.stringify(results));
